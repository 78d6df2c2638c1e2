export * from './compliance.module';
export * from './compliance.service';
export * from './compliance.types';
