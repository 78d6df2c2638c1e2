export * from './domain-error';
export * from './graphql-error-formatter';
export * from './log-redaction';
export * from './graphql-messages';
