export { CatalogParseError } from './catalog-parse.error';
export type {
  DeadlineKind,
  ParsedEdition,
  ParsedPlanLine,
  RawEdition,
  RawPlanLine,
  SourceRef,
  TextCorrection,
} from './catalog.types';
export * from './edition-manifest';
export * from './edition-bundle';
export { parseEditionData, serializeEditionData } from './edition-data.codec';
export { parseRstFiles } from './rst-edition.parser';
export { readFolder, readZip, ARCHIVE_LIMITS } from './source-files';
export type { SourceFile } from './source-files';
export { parseSeedCatalogue } from './seed-catalogue.parser';
