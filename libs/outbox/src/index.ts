export * from './outbox';
export * from './outbox.module';
