export * from './identity.module';
export * from './identity.repository';
export * from './fiscal-code';
export * from './token-verifier';
export * from './access.loader';
export * from './session-settings';
export * from './access-cache';
export * from './identity.service';
