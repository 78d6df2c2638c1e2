export * from './privacy.config';
export * from './privacy.module';
export * from './privacy.service';
export * from './dto/personal-data.types';
export * from './tables';
export * from './jobs/retention.job';
export * from './jobs/privacy-jobs.module';
