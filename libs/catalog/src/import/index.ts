export * from './edition-importer';
export * from './describe-import';
export * from './built-in-editions';
export * from './local-lines';
export { successionLinesOf, writeSuccessions } from './succession-importer';
export type { SuccessionReport } from './succession-importer';
