export * from './mailer';
export * from './templates';
export * from './notifications.module';
export * from './notifications.service';
export * from './jobs/notification-job';
export * from './jobs/notifications.job';
export * from './jobs/notifications-jobs.module';
export * from './tables';
