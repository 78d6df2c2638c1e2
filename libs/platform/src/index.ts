export * from './entities';
export * from './data-sources';
export * from './database.module';
export * from './redis';
export * from './logging';
export * from './health/health.module';
export * from './reference-data';
