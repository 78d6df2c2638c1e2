export * from './roles';
export * from './access-scope';
export * from './ability.factory';
export * from './authorize';
export * from './caller-access';
export * from './job-context';
export * from './tables';
export * from './data-request';
