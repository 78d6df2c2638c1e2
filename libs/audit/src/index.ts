export * from './audit-trail';
export * from './audit.module';
export * from './tables';
export * from './personal-data';
