import { readFileSync, writeFileSync } from 'node:fs';
import {
  describeImport,
  importEdition,
  parseSeedCatalogue,
  readEditionSource,
  serializeEditionData,
} from '@rtd/catalog';
import { AppConfig } from '@rtd/kernel';
import { DEFAULT_MEASURE_LINES, describePnrrImport, importPnrrFunding } from '@rtd/pnrr';
import { withOwner } from './database.commands';

/** Imports one edition in one transaction: a malformed source changes nothing. */
export async function importCatalogEdition(
  config: AppConfig,
  edition: string,
  source: string,
): Promise<string> {
  const parsed = readEditionSource(edition, source);
  return withOwner(config, (owner) =>
    owner.transaction(async (db) => describeImport(await importEdition(db, parsed))),
  );
}

/** Re-extracts the 2022-2024 data file from seed 003's text. */
export function extractSeedCatalogue(seedFile: string, outFile: string): string {
  const edition = parseSeedCatalogue(readFileSync(seedFile, 'utf8'), seedFile);
  writeFileSync(outFile, serializeEditionData(edition));
  return `${edition.lines.length} linee scritte in ${outFile}`;
}

/** Imports the PA digitale 2026 files of a folder in one transaction: a bad row changes nothing. */
export async function importPnrr(
  config: AppConfig,
  source: string,
  measureLines = DEFAULT_MEASURE_LINES,
): Promise<string> {
  return withOwner(config, (owner) =>
    owner.transaction(async (db) => describePnrrImport(await importPnrrFunding(db, source, measureLines))),
  );
}
