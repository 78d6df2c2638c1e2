import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { foldForSearch } from '@rtd/kernel';
import { EntityManager } from 'typeorm';
import { ParsedEdition, ParsedPlanLine, parseEditionData, parseRstEdition } from './parsing';

export interface CatalogImportReport {
  edition: string;
  editionCreated: boolean;
  titleChanged: boolean;
  added: string[];
  changed: string[];
  removed: string[];
  unchanged: number;
}

export class CatalogImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CatalogImportError';
  }
}

/**
 * Reads an edition from disk: a directory of AgID reStructuredText, or a JSON Lines data
 * file (the format of data/2022-2024/catalog.jsonl). Parse errors name file, line and reason.
 */
export function readEditionSource(editionCode: string, source: string): ParsedEdition {
  if (!existsSync(source)) throw new CatalogImportError(`${source}: file o cartella inesistente`);
  const edition = statSync(source).isDirectory()
    ? parseRstEdition(editionCode, source)
    : parseEditionData(readFileSync(source, 'utf8'), path.basename(source));
  if (edition.code !== editionCode) {
    throw new CatalogImportError(
      `${source}: il file descrive l'edizione ${edition.code}, non ${editionCode} (opzione --edition)`,
    );
  }
  return edition;
}

interface StoredLine {
  id: string;
  code: string;
  chapter: number;
  objectiveCodes: string[];
  text: string;
  deadlineKind: string;
  deadline: string | null;
  minPopulation: number | null;
  isLocal: boolean;
  referenced: boolean;
}

const sameLine = (stored: StoredLine, parsed: ParsedPlanLine): boolean =>
  stored.chapter === parsed.chapter &&
  stored.text === parsed.text &&
  stored.deadlineKind === parsed.deadlineKind &&
  stored.deadline === parsed.deadline &&
  stored.minPopulation === parsed.minPopulation &&
  stored.isLocal === parsed.local &&
  stored.objectiveCodes.join(',') === parsed.objectiveCodes.join(',');

/**
 * Brings one edition of the catalogue in line with its source, inside the caller's
 * transaction. Idempotent: unchanged lines are not written, so a second run reports no
 * change. A line that disappeared from the source is removed unless an objective uses it,
 * in which case the whole import fails and nothing changes.
 */
export async function importEdition(db: EntityManager, edition: ParsedEdition): Promise<CatalogImportReport> {
  const [existing] = await db.query(`SELECT title FROM plan_edition WHERE code = $1`, [edition.code]);
  await db.query(
    `INSERT INTO plan_edition (code, title) VALUES ($1, $2)
     ON CONFLICT (code) DO UPDATE SET title = excluded.title WHERE plan_edition.title <> excluded.title`,
    [edition.code, edition.title],
  );

  const chapters = new Map<number, string>();
  for (const line of edition.lines) chapters.set(line.chapter, line.chapterTitle);
  // A changed title: trigger plan_chapter_compliance_label (migrations/1764000011000-compliance-label-versions.ts).
  await db.query(
    `INSERT INTO plan_chapter (edition_code, number, title)
     SELECT $1, number, title FROM unnest($2::smallint[], $3::text[]) AS t(number, title)
     ON CONFLICT (edition_code, number) DO UPDATE SET title = excluded.title WHERE plan_chapter.title <> excluded.title`,
    [edition.code, [...chapters.keys()], [...chapters.values()]],
  );

  const stored: StoredLine[] = await db.query(
    `SELECT l.id, l.code, l.chapter, l.objective_codes AS "objectiveCodes", l.text, l.deadline_kind AS "deadlineKind",
            l.deadline, l.min_population AS "minPopulation", l.is_local AS "isLocal",
            EXISTS (SELECT 1 FROM plan_line_in_use u WHERE u.plan_line_id = l.id) AS referenced
       FROM plan_line l WHERE l.edition_code = $1`,
    [edition.code],
  );
  const storedByCode = new Map(stored.map((line) => [line.code, line]));
  const report: CatalogImportReport = {
    edition: edition.code,
    editionCreated: !existing,
    titleChanged: Boolean(existing) && existing.title !== edition.title,
    added: [],
    changed: [],
    removed: [],
    unchanged: 0,
  };

  const toWrite: ParsedPlanLine[] = [];
  for (const line of edition.lines) {
    const current = storedByCode.get(line.code);
    if (!current) report.added.push(line.code);
    else if (!sameLine(current, line)) report.changed.push(line.code);
    else {
      report.unchanged += 1;
      continue;
    }
    toWrite.push(line);
  }
  const incoming = new Set(edition.lines.map((line) => line.code));
  const gone = stored.filter((line) => !incoming.has(line.code));
  const stillUsed = gone.filter((line) => line.referenced).map((line) => line.code);
  if (stillUsed.length > 0) {
    throw new CatalogImportError(
      `edizione ${edition.code}: le linee ${stillUsed.join(', ')} non sono più nella fonte ma sono usate da obiettivi condivisi`,
    );
  }
  if (gone.length > 0) {
    await db.query(`DELETE FROM plan_line WHERE id = ANY($1::uuid[])`, [gone.map((line) => line.id)]);
    report.removed = gone.map((line) => line.code).sort();
  }

  if (toWrite.length > 0) {
    // A changed code, text or chapter bumps the compliance version of every consortium whose
    // objectives use the line (trigger plan_line_compliance_label, migrations/1764000011000-compliance-label-versions.ts).
    await db.query(
      `INSERT INTO plan_line (edition_code, code, chapter, objective_codes, text, deadline_kind, deadline,
                              min_population, is_local, search_text)
       SELECT $1, t.code, t.chapter, string_to_array(t.objectives, ',')::text[], t.text, t.kind, t.deadline,
              t.min_population, t.local, t.search
         FROM unnest($2::text[], $3::smallint[], $4::text[], $5::text[], $6::text[], $7::date[], $8::int[], $9::bool[], $10::text[])
           AS t(code, chapter, objectives, text, kind, deadline, min_population, local, search)
       ON CONFLICT (edition_code, code) DO UPDATE SET
         chapter = excluded.chapter, objective_codes = excluded.objective_codes, text = excluded.text,
         deadline_kind = excluded.deadline_kind, deadline = excluded.deadline,
         min_population = excluded.min_population, is_local = excluded.is_local, search_text = excluded.search_text,
         owner_consortium_id = CASE WHEN excluded.is_local THEN plan_line.owner_consortium_id END`,
      [
        edition.code,
        toWrite.map((l) => l.code),
        toWrite.map((l) => l.chapter),
        toWrite.map((l) => l.objectiveCodes.join(',')),
        toWrite.map((l) => l.text),
        toWrite.map((l) => l.deadlineKind),
        toWrite.map((l) => l.deadline),
        toWrite.map((l) => l.minPopulation),
        toWrite.map((l) => l.local),
        toWrite.map((l) => foldForSearch(`${l.code} ${l.text}`)),
      ],
    );
  }
  // Chapters no line refers to any more would only clutter the catalogue.
  await db.query(
    `DELETE FROM plan_chapter ch WHERE ch.edition_code = $1
        AND NOT EXISTS (SELECT 1 FROM plan_line l WHERE l.edition_code = ch.edition_code AND l.chapter = ch.number)`,
    [edition.code],
  );
  return report;
}

/**
 * Gives an edition's local lines that no consortium owns yet to `consortiumId`: from then on only
 * that consortium's office and the people of its comuni read them (row-level security). Lines
 * already owned are left alone, so running it again changes nothing. Returns the codes assigned.
 */
export async function assignLocalLines(
  db: EntityManager,
  editionCode: string,
  consortiumId: string,
): Promise<string[]> {
  const result = await db.query(
    `UPDATE plan_line SET owner_consortium_id = $2
      WHERE edition_code = $1 AND is_local AND owner_consortium_id IS NULL
      RETURNING code`,
    [editionCode, consortiumId],
  );
  // TypeORM answers an UPDATE ... RETURNING with [rows, count].
  const rows = (Array.isArray(result[0]) ? result[0] : result) as { code: string }[];
  return rows.map((row) => row.code).sort();
}

export function describeImport(report: CatalogImportReport): string {
  const lines = [`Edizione ${report.edition}${report.editionCreated ? ' (nuova)' : ''}:`];
  if (report.titleChanged) lines.push('  titolo aggiornato');
  if (report.added.length) lines.push(`  aggiunte ${report.added.length} linee: ${report.added.join(', ')}`);
  if (report.changed.length)
    lines.push(`  modificate ${report.changed.length} linee: ${report.changed.join(', ')}`);
  if (report.removed.length)
    lines.push(`  rimosse ${report.removed.length} linee: ${report.removed.join(', ')}`);
  if (!report.added.length && !report.changed.length && !report.removed.length && !report.titleChanged) {
    lines.push(`  nessuna modifica (${report.unchanged} linee già presenti e identiche)`);
  } else {
    lines.push(`  invariate: ${report.unchanged}`);
  }
  return lines.join('\n');
}

export const CATALOG_DATA_DIR = path.resolve(__dirname, '../data');

/** The three editions the product ships with, and where their sources are. */
export const BUILT_IN_EDITIONS: readonly { code: string; source: string }[] = [
  { code: '2020-2022', source: path.join(CATALOG_DATA_DIR, 'pianotriennale/2020-2022') },
  { code: '2022-2024', source: path.join(CATALOG_DATA_DIR, '2022-2024/catalog.jsonl') },
  { code: '2024-2026', source: path.join(CATALOG_DATA_DIR, 'pianotriennale/2024-2026') },
];

/** The line codes of one edition as loaded, for importers that refer to lines (PNRR mapping). */
export async function loadedLineCodes(db: EntityManager, editionCode: string): Promise<Set<string>> {
  const rows: { code: string }[] = await db.query(`SELECT code FROM plan_line WHERE edition_code = $1`, [
    editionCode,
  ]);
  return new Set(rows.map((row) => row.code));
}
