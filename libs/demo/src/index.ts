export * from './demo-tenants.seed';
