export * from './outbox';
export * from './outbox.module';
export * from './relay/outbox-relay';
export * from './relay/outbox-relay.module';
export * from './tables';
export * from './personal-data';
