export * from './compliance.module';
export * from './compliance.service';
export * from './compliance.types';
export * from './compliance-read-model.repository';
export * from './compliance-snapshots';
export * from './tables';
