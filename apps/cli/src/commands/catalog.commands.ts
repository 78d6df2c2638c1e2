import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  assignLocalLines,
  builtInEditions,
  describeImport,
  importEdition,
  ManifestFields,
  parseSeedCatalogue,
  readEditionFromPath,
  readManifest,
  serializeEditionData,
  writeFactsFiles,
  writeSuccessionFiles,
} from '@rtd/catalog';
import { AppConfig } from '@rtd/kernel';
import {
  describePopulationImport,
  importPopulation,
  PopulationFileOptions,
  TenancyRepository,
} from '@rtd/tenancy';
import { DEFAULT_MEASURE_LINES, describePnrrImport, importPnrrFunding } from '@rtd/pnrr';
import { withOwner } from './database.commands';

/**
 * Imports one edition in one transaction: a malformed source changes nothing. `fields` are the
 * operator's (code, title, period, superseded edition, source): they complete or override the
 * folder's edition.json. A dry run reports what would change and changes nothing.
 */
export async function importCatalogEdition(
  config: AppConfig,
  source: string,
  fields: ManifestFields | null,
  options: { dryRun?: boolean } = {},
): Promise<string> {
  const bundle = await readEditionFromPath(source, fields);
  return withOwner(config, (owner) =>
    owner.transaction(async (db) => describeImport(await importEdition(db, bundle, options))),
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

/**
 * Re-extracts the data file of the built-in edition kept as JSON Lines (the 2022-2024 extract of
 * seed 003) from the seed's text, where its edition.json points.
 */
export function extractSeedCatalogue(seedFile: string, editionsDir: string): string {
  const edition = builtInEditions(editionsDir).find((e) => {
    const manifest = readManifest(JSON.parse(readFileSync(path.join(e.dir, 'edition.json'), 'utf8')), e.dir);
    return manifest.source.format === 'jsonl';
  });
  if (!edition) throw new Error(`${editionsDir}: nessuna edizione in formato jsonl`);
  const manifest = readManifest(
    JSON.parse(readFileSync(path.join(edition.dir, 'edition.json'), 'utf8')),
    edition.dir,
  );
  const outFile = path.resolve(edition.dir, manifest.source.path ?? 'catalog.jsonl');
  const parsed = parseSeedCatalogue(readFileSync(seedFile, 'utf8'), path.basename(seedFile), manifest);
  writeFileSync(outFile, serializeEditionData(parsed));
  return `${parsed.lines.length} linee scritte in ${outFile}`;
}

/** Rewrites the reviewable facts file of every built-in edition. */
export async function regenerateFacts(editionsDir: string): Promise<string> {
  return (await writeFactsFiles(editionsDir)).join('\n');
}

/** Rewrites the line-to-line mapping of every built-in edition from the one it supersedes. */
export async function regenerateSuccessions(editionsDir: string): Promise<string> {
  return (await writeSuccessionFiles(editionsDir)).join('\n');
}

/** Loads a newer ISTAT population file through tenancy, in one transaction. */
export async function importIstatPopulation(
  config: AppConfig,
  file: string,
  options: PopulationFileOptions,
): Promise<string> {
  return withOwner(config, (owner) =>
    owner.transaction(async (db) => describePopulationImport(await importPopulation(db, file, options))),
  );
}

/**
 * Imports the PA digitale 2026 files of a folder in one transaction: a bad row changes nothing.
 * A dry run reads and checks everything, prints what the snapshot would change (new
 * applications, changed status, withdrawn) and writes nothing.
 */
export async function importPnrr(
  config: AppConfig,
  source: string,
  measureLines = DEFAULT_MEASURE_LINES,
  options: { dryRun?: boolean } = {},
): Promise<string> {
  return withOwner(config, (owner) =>
    owner.transaction(async (db) =>
      describePnrrImport(await importPnrrFunding(db, source, measureLines, { dryRun: options.dryRun })),
    ),
  );
}
