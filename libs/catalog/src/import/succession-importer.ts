import { EntityManager } from 'typeorm';
import { CatalogImportError } from '../parsing/edition-bundle';
import { buildSuccessions } from '../succession/build-successions';
import type { SuccessionFile, SuccessionLine, SuccessionOverrides } from '../succession/succession.types';

export interface SuccessionReport {
  from: string;
  links: number;
  reviewed: number;
  dropped: number;
  /** True when the tool mapped the lines at import (no reviewed file came with the edition). */
  automatic: boolean;
  changed: boolean;
}

interface StoredLink {
  from: string;
  to: string | null;
  kind: string;
  similarity: number | null;
  sharedObjectives: string[];
  citation: string | null;
  note: string | null;
  reviewed: boolean;
}

const canonical = (links: readonly StoredLink[]) =>
  JSON.stringify(
    links
      .map((l) => [l.from, l.to, l.kind, l.similarity, l.sharedObjectives, l.citation, l.note, l.reviewed])
      .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)),
  );

/** The lines of an edition as the mapping tool reads them, from the catalogue. */
export async function successionLinesOf(db: EntityManager, edition: string): Promise<SuccessionLine[]> {
  const rows: { code: string; objectiveCodes: string[]; text: string; deadlines: { date: string }[] }[] =
    await db.query(
      `SELECT code, objective_codes AS "objectiveCodes", text, deadlines FROM plan_line
        WHERE edition_code = $1 ORDER BY chapter, code`,
      [edition],
    );
  return rows.map((row) => ({
    code: row.code,
    objectiveCodes: row.objectiveCodes,
    text: row.text,
    deadlines: row.deadlines.map((d) => d.date),
    carriedOver: null,
  }));
}

/**
 * Replaces the links from `file.from` to `file.to` with the file's, resolving codes to the lines of
 * both editions; a code that is not in the catalogue stops the import. Unchanged links are not
 * rewritten, so a second import reports no change.
 */
export async function writeSuccessions(
  db: EntityManager,
  file: SuccessionFile,
  automatic: boolean,
): Promise<SuccessionReport> {
  const stored: StoredLink[] = await db.query(
    `SELECT f.code AS "from", t.code AS "to", s.kind, s.similarity, s.shared_objectives AS "sharedObjectives",
            s.citation, s.note, s.reviewed
       FROM plan_line_succession s JOIN plan_line f ON f.id = s.from_line_id LEFT JOIN plan_line t ON t.id = s.to_line_id
      WHERE s.from_edition = $1 AND s.to_edition = $2`,
    [file.from, file.to],
  );
  const report: SuccessionReport = {
    from: file.from,
    links: file.links.length,
    reviewed: file.links.filter((l) => l.reviewed).length,
    dropped: file.links.filter((l) => l.kind === 'DROPPED').length,
    automatic,
    changed: canonical(stored) !== canonical(file.links),
  };
  if (!report.changed) return report;
  const missing: { code: string }[] = await db.query(
    `WITH incoming AS (SELECT * FROM jsonb_to_recordset($3::jsonb) AS t("from" text, "to" text))
     SELECT i."from" AS code FROM incoming i WHERE NOT EXISTS (SELECT 1 FROM plan_line l WHERE l.edition_code = $1 AND l.code = i."from")
     UNION ALL
     SELECT i."to" FROM incoming i WHERE i."to" IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM plan_line l WHERE l.edition_code = $2 AND l.code = i."to")`,
    [file.from, file.to, JSON.stringify(file.links)],
  );
  if (missing.length > 0) {
    throw new CatalogImportError(
      `mappatura ${file.from} → ${file.to}: codici assenti dal catalogo: ${[...new Set(missing.map((m) => m.code))].join(', ')}`,
    );
  }
  await db.query(`DELETE FROM plan_line_succession WHERE from_edition = $1 AND to_edition = $2`, [
    file.from,
    file.to,
  ]);
  await db.query(
    `INSERT INTO plan_line_succession (from_edition, to_edition, from_line_id, to_line_id, kind, similarity,
                                       shared_objectives, citation, note, reviewed)
     SELECT $1, $2, f.id, t.id, i.kind, i.similarity, i."sharedObjectives", i.citation, i.note, i.reviewed
       FROM jsonb_to_recordset($3::jsonb) AS i("from" text, "to" text, kind text, similarity real,
              "sharedObjectives" text[], citation text, note text, reviewed boolean)
       JOIN plan_line f ON f.edition_code = $1 AND f.code = i."from"
       LEFT JOIN plan_line t ON t.edition_code = $2 AND t.code = i."to"`,
    [file.from, file.to, JSON.stringify(file.links)],
  );
  return report;
}

/** The tool's mapping at import, for an edition that came without a reviewed one. */
export async function mapFromCatalogue(
  db: EntityManager,
  editions: { from: string; to: string },
  toLines: readonly SuccessionLine[],
  overrides: SuccessionOverrides,
): Promise<SuccessionFile> {
  return buildSuccessions(editions, await successionLinesOf(db, editions.from), toLines, overrides);
}
