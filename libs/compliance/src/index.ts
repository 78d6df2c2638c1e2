export * from './compliance.module';
export * from './compliance.service';
export * from './compliance.types';
export * from './compliance-read-model.repository';
export * from './compliance-snapshots';
export * from './jobs/compliance-snapshot.job';
export * from './jobs/compliance-jobs.module';
export * from './tables';
