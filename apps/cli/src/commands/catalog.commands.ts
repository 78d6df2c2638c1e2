import { readFileSync, writeFileSync } from 'node:fs';
import {
  assignLocalLines,
  describeImport,
  importEdition,
  parseSeedCatalogue,
  readEditionSource,
  serializeEditionData,
} from '@rtd/catalog';
import { AppConfig } from '@rtd/kernel';
import { TenancyRepository } from '@rtd/tenancy';
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

/** Gives an edition's local lines not yet owned to the consortium of that name (see assignLocalLines). */
export async function assignCatalogLocalLines(
  config: AppConfig,
  edition: string,
  consortiumName: string,
): Promise<string> {
  return withOwner(config, (owner) =>
    owner.transaction(async (db) => {
      const [consortium] = await new TenancyRepository().consortiaByNames(db, [consortiumName]);
      if (!consortium) throw new Error(`Consorzio «${consortiumName}» inesistente`);
      const codes = await assignLocalLines(db, edition, consortium.id);
      return codes.length
        ? `Edizione ${edition}: ${codes.length} linee locali assegnate a «${consortiumName}»: ${codes.join(', ')}`
        : `Edizione ${edition}: nessuna linea locale da assegnare`;
    }),
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
