export * from './identity.module';
export * from './identity.repository';
export * from './fiscal-code';
