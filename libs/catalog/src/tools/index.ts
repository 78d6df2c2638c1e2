export * from './catalog-tools';
