export * from './mailer';
export * from './templates';
export * from './notifications.module';
export * from './notifications.service';
export * from './tables';
