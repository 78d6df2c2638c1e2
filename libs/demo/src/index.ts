export * from './demo-identities';
export * from './demo-tenants.seed';
export * from './demo-objectives.seed';
export * from './tables';
export * from './demo-piano.seed';
