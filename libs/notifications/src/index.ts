export * from './mailer';
export * from './templates';
export * from './mime';
export * from './smtp-sink';
export * from './notifications.module';
export * from './notifications.service';
