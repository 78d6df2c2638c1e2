export { CatalogParseError } from './catalog-parse.error';
export type { DeadlineKind, ParsedEdition, ParsedPlanLine, SourceRef } from './catalog.types';
export { parseDeadline } from './deadline.parser';
export { parseEditionData, serializeEditionData } from './edition-data.codec';
export { parseMinPopulation } from './population.parser';
export { parseRstEdition } from './rst-edition.parser';
export { parseSeedCatalogue } from './seed-catalogue.parser';
