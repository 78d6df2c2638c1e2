export * from './calendar';
export * from './tables';
