import { foldForSearch } from '@rtd/kernel';
import { EntityManager } from 'typeorm';
import { deriveEdition } from '../facts/derive-facts';
import type { ParsedPlanLine } from '../parsing/catalog.types';
import {
  CatalogImportError,
  EditionBundle,
  SUCCESSION_OVERRIDES_FILE,
  SUCCESSIONS_FILE,
} from '../parsing/edition-bundle';
import type { EditionManifest } from '../parsing/edition-manifest';
import { parseSuccessionOverrides, parseSuccessions } from '../succession/succession-file';
import type { SuccessionFile, SuccessionLine } from '../succession/succession.types';
import { mapFromCatalogue, SuccessionReport, writeSuccessions } from './succession-importer';

export { CatalogImportError };

export interface CatalogImportReport {
  edition: string;
  title: string;
  dryRun: boolean;
  editionCreated: boolean;
  /** Title, period, source or supersession changed in the registry. */
  registryChanged: boolean;
  added: string[];
  changed: string[];
  removed: string[];
  unchanged: number;
  /** The mapping from the edition this one supersedes, when there is one. */
  successions: SuccessionReport | null;
}

export interface ImportOptions {
  /** Checks and reports everything, then rolls it all back. */
  dryRun?: boolean;
  /** Refuse an edition with consortium-local lines (the operator's import over GraphQL). */
  refuseLocalLines?: boolean;
}

/** Every column of plan_line the import writes. */
const LINE_COLUMNS = [
  'code',
  'chapter',
  'objective_codes',
  'text',
  'printed',
  'deadline_kind',
  'deadline',
  'deadlines',
  'min_population',
  'max_population',
  'bodies',
  'comuni_scope',
  'conditions',
  'corrections',
  'source_file',
  'source_line',
  'is_local',
  'search_text',
] as const;

/** A line as stored, in the shape jsonb_to_recordset reads. */
function storedLine(line: ParsedPlanLine): Record<(typeof LINE_COLUMNS)[number], unknown> {
  return {
    code: line.code,
    chapter: line.chapter,
    objective_codes: line.objectiveCodes,
    text: line.text,
    printed: line.printed,
    deadline_kind: line.deadlineKind,
    deadline: line.deadline,
    deadlines: line.deadlines,
    min_population: line.minPopulation,
    max_population: line.maxPopulation,
    bodies: line.bodies,
    comuni_scope: line.comuniScope,
    conditions: line.conditions,
    corrections: line.corrections,
    source_file: line.source.file,
    source_line: line.source.line,
    is_local: line.local,
    search_text: foldForSearch(`${line.code} ${line.text}`),
  };
}

const RECORD = `code text, chapter smallint, objective_codes text[], text text, printed text, deadline_kind text,
  deadline date, deadlines jsonb, min_population int, max_population int, bodies text[], comuni_scope text,
  conditions text[], corrections jsonb, source_file text, source_line int, is_local boolean, search_text text`;

async function writeRegistry(
  db: EntityManager,
  manifest: EditionManifest,
): Promise<{ created: boolean; changed: boolean }> {
  if (manifest.supersedes) {
    const [found] = await db.query(`SELECT 1 FROM plan_edition WHERE code = $1`, [manifest.supersedes]);
    if (!found) {
      throw new CatalogImportError(
        `edizione ${manifest.code}: sostituisce l'edizione ${manifest.supersedes}, che non è nel catalogo (importarla prima)`,
      );
    }
  }
  const { source } = manifest;
  const rows: { inserted: boolean }[] = await db.query(
    `INSERT INTO plan_edition AS e (code, title, period_from, period_to, supersedes, published_on, source_format,
                                    source_description, source_url, source_revision, source_licence, code_repairs)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     ON CONFLICT (code) DO UPDATE SET title = excluded.title, period_from = excluded.period_from,
       period_to = excluded.period_to, supersedes = excluded.supersedes, published_on = excluded.published_on,
       source_format = excluded.source_format, source_description = excluded.source_description,
       source_url = excluded.source_url, source_revision = excluded.source_revision,
       source_licence = excluded.source_licence, code_repairs = excluded.code_repairs
     WHERE (e.title, e.period_from, e.period_to, e.supersedes, e.published_on, e.source_format, e.source_description,
            e.source_url, e.source_revision, e.source_licence, e.code_repairs)
       IS DISTINCT FROM (excluded.title, excluded.period_from, excluded.period_to, excluded.supersedes,
            excluded.published_on, excluded.source_format, excluded.source_description, excluded.source_url,
            excluded.source_revision, excluded.source_licence, excluded.code_repairs)
     RETURNING (xmax = 0) AS inserted`,
    [
      manifest.code,
      manifest.title,
      manifest.periodFrom,
      manifest.periodTo,
      manifest.supersedes,
      manifest.publishedOn,
      source.format,
      source.description,
      source.url ?? null,
      source.revision ?? null,
      source.licence ?? null,
      JSON.stringify(manifest.codeRepairs),
    ],
  );
  return { created: rows[0]?.inserted === true, changed: rows.length > 0 };
}

async function writeChapters(
  db: EntityManager,
  code: string,
  lines: readonly ParsedPlanLine[],
): Promise<void> {
  const chapters = new Map<number, string>();
  for (const line of lines) chapters.set(line.chapter, line.chapterTitle);
  // A changed title: trigger plan_chapter_compliance_label (migrations/1764000011000-compliance-label-versions.ts).
  await db.query(
    `INSERT INTO plan_chapter (edition_code, number, title)
     SELECT $1, number, title FROM unnest($2::smallint[], $3::text[]) AS t(number, title)
     ON CONFLICT (edition_code, number) DO UPDATE SET title = excluded.title WHERE plan_chapter.title <> excluded.title`,
    [code, [...chapters.keys()], [...chapters.values()]],
  );
}

/** Lines gone from the source are removed, unless an objective uses one: then nothing changes. */
async function removeGone(
  db: EntityManager,
  code: string,
  lines: readonly ParsedPlanLine[],
): Promise<string[]> {
  const gone: { id: string; code: string; referenced: boolean }[] = await db.query(
    `SELECT l.id, l.code, EXISTS (SELECT 1 FROM plan_line_in_use u WHERE u.plan_line_id = l.id) AS referenced
       FROM plan_line l WHERE l.edition_code = $1 AND NOT (l.code = ANY($2::text[]))`,
    [code, lines.map((line) => line.code)],
  );
  const stillUsed = gone.filter((line) => line.referenced).map((line) => line.code);
  if (stillUsed.length > 0) {
    throw new CatalogImportError(
      `edizione ${code}: le linee ${stillUsed.join(', ')} non sono più nella fonte ma sono usate da obiettivi condivisi`,
    );
  }
  if (gone.length > 0)
    await db.query(`DELETE FROM plan_line WHERE id = ANY($1::uuid[])`, [gone.map((l) => l.id)]);
  return gone.map((line) => line.code).sort();
}

/** Inserts new lines and rewrites changed ones; unchanged rows are not touched. */
async function upsertLines(
  db: EntityManager,
  code: string,
  lines: readonly ParsedPlanLine[],
): Promise<{ added: string[]; changed: string[] }> {
  const updates = LINE_COLUMNS.filter((c) => c !== 'code')
    .map((c) => `${c} = excluded.${c}`)
    .join(', ');
  const compared = LINE_COLUMNS.filter((c) => c !== 'code');
  // A changed code, text or chapter bumps the compliance version of every consortium whose
  // objectives use the line (trigger plan_line_compliance_label, migrations/1764000011000-compliance-label-versions.ts).
  const rows: { code: string; inserted: boolean }[] = await db.query(
    `INSERT INTO plan_line AS l (edition_code, ${LINE_COLUMNS.join(', ')})
     SELECT $1, ${LINE_COLUMNS.map((c) => `t.${c}`).join(', ')} FROM jsonb_to_recordset($2::jsonb) AS t(${RECORD})
     ON CONFLICT (edition_code, code) DO UPDATE SET ${updates},
       owner_consortium_id = CASE WHEN excluded.is_local THEN l.owner_consortium_id END
     WHERE (${compared.map((c) => `l.${c}`).join(', ')}) IS DISTINCT FROM (${compared.map((c) => `excluded.${c}`).join(', ')})
     RETURNING l.code, (xmax = 0) AS inserted`,
    [code, JSON.stringify(lines.map(storedLine))],
  );
  return {
    added: rows
      .filter((r) => r.inserted)
      .map((r) => r.code)
      .sort(),
    changed: rows
      .filter((r) => !r.inserted)
      .map((r) => r.code)
      .sort(),
  };
}

function successionLines(lines: readonly ParsedPlanLine[]): SuccessionLine[] {
  return lines.map((line) => ({
    code: line.code,
    objectiveCodes: line.objectiveCodes,
    text: line.text,
    deadlines: line.deadlines.map((d) => d.date),
    carriedOver: line.carriedOver,
  }));
}

/** The reviewed mapping that came with the edition, else the tool's, from the catalogue. */
async function successionsFor(
  db: EntityManager,
  bundle: EditionBundle,
  lines: readonly ParsedPlanLine[],
): Promise<{ file: SuccessionFile; automatic: boolean } | null> {
  const { manifest } = bundle;
  if (!manifest.supersedes) return null;
  const committed = bundle.files.get(SUCCESSIONS_FILE);
  const editions = { from: manifest.supersedes, to: manifest.code };
  if (committed) {
    const file = parseSuccessions(committed);
    if (file.from !== editions.from || file.to !== editions.to) {
      throw new CatalogImportError(
        `${SUCCESSIONS_FILE}: mappa ${file.from} → ${file.to}, attesa ${editions.from} → ${editions.to}`,
      );
    }
    return { file, automatic: false };
  }
  const overrides = parseSuccessionOverrides(bundle.files.get(SUCCESSION_OVERRIDES_FILE));
  return { file: await mapFromCatalogue(db, editions, successionLines(lines), overrides), automatic: true };
}

async function importInSavepoint(
  db: EntityManager,
  bundle: EditionBundle,
  options: ImportOptions,
): Promise<CatalogImportReport> {
  const { manifest } = bundle;
  const { lines } = deriveEdition(bundle);
  if (options.refuseLocalLines && lines.some((line) => line.local)) {
    throw new CatalogImportError(
      `edizione ${manifest.code}: contiene linee locali di un consorzio, che si importano solo da riga di comando`,
    );
  }
  const registry = await writeRegistry(db, manifest);
  await writeChapters(db, manifest.code, lines);
  const removed = await removeGone(db, manifest.code, lines);
  const { added, changed } = await upsertLines(db, manifest.code, lines);
  // Chapters no line refers to any more would only clutter the catalogue.
  await db.query(
    `DELETE FROM plan_chapter ch WHERE ch.edition_code = $1
        AND NOT EXISTS (SELECT 1 FROM plan_line l WHERE l.edition_code = ch.edition_code AND l.chapter = ch.number)`,
    [manifest.code],
  );
  const mapping = await successionsFor(db, bundle, lines);
  const successions = mapping ? await writeSuccessions(db, mapping.file, mapping.automatic) : null;
  const anything =
    registry.changed || added.length || changed.length || removed.length || successions?.changed;
  if (anything)
    await db.query(`UPDATE plan_edition SET imported_at = now() WHERE code = $1`, [manifest.code]);
  return {
    edition: manifest.code,
    title: manifest.title,
    dryRun: Boolean(options.dryRun),
    editionCreated: registry.created,
    registryChanged: registry.changed && !registry.created,
    added,
    changed,
    removed,
    unchanged: lines.length - added.length - changed.length,
    successions,
  };
}

/**
 * Brings one edition of the catalogue in line with its source, inside the caller's transaction:
 * the registry row, the chapters, the lines with the facts the rules read, and the mapping from
 * the edition it supersedes. Idempotent: unchanged rows are not written, so a second run reports
 * no change. A dry run does it all in a savepoint and rolls it back: the report is the same, the
 * catalogue is not touched. Any defect (a parse error with file:line, a line an objective still
 * uses, an unknown superseded edition) changes nothing.
 */
export async function importEdition(
  db: EntityManager,
  bundle: EditionBundle,
  options: ImportOptions = {},
): Promise<CatalogImportReport> {
  await db.query('SAVEPOINT catalog_import');
  try {
    const report = await importInSavepoint(db, bundle, options);
    await db.query(
      options.dryRun ? 'ROLLBACK TO SAVEPOINT catalog_import' : 'RELEASE SAVEPOINT catalog_import',
    );
    return report;
  } catch (error) {
    await db.query('ROLLBACK TO SAVEPOINT catalog_import');
    throw error;
  }
}
