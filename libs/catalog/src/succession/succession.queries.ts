import { EntityManager } from 'typeorm';
import type { SuccessionKind } from './succession.types';

/** One stored link between a line and a line of the next edition (none when DROPPED). */
export interface SuccessionRow {
  fromEdition: string;
  toEdition: string;
  fromLineId: string;
  toLineId: string | null;
  kind: SuccessionKind;
  similarity: number | null;
  sharedObjectives: string[];
  citation: string | null;
  note: string | null;
  reviewed: boolean;
}

const COLUMNS = `s.from_edition AS "fromEdition", s.to_edition AS "toEdition", s.from_line_id AS "fromLineId",
  s.to_line_id AS "toLineId", s.kind, s.similarity, s.shared_objectives AS "sharedObjectives", s.citation,
  s.note, s.reviewed`;

function byLine(rows: SuccessionRow[], key: 'fromLineId' | 'toLineId'): Map<string, SuccessionRow[]> {
  const map = new Map<string, SuccessionRow[]>();
  for (const row of rows) {
    const id = row[key];
    if (id) map.set(id, [...(map.get(id) ?? []), row]);
  }
  return map;
}

/**
 * What became of each line in the next edition: its links, by line id (a line the mapping does
 * not cover has none). Row-level security shows a consortium's local lines to its people only.
 */
export async function successionsFrom(
  db: EntityManager,
  lineIds: readonly string[],
): Promise<Map<string, SuccessionRow[]>> {
  const rows: SuccessionRow[] = await db.query(
    `SELECT ${COLUMNS} FROM plan_line_succession s WHERE s.from_line_id = ANY($1::uuid[]) ORDER BY s.similarity DESC NULLS LAST`,
    [lineIds],
  );
  return byLine(rows, 'fromLineId');
}

/** Where each line comes from in the previous edition: the links that lead to it, by line id. */
export async function successionsTo(
  db: EntityManager,
  lineIds: readonly string[],
): Promise<Map<string, SuccessionRow[]>> {
  const rows: SuccessionRow[] = await db.query(
    `SELECT ${COLUMNS} FROM plan_line_succession s WHERE s.to_line_id = ANY($1::uuid[]) ORDER BY s.similarity DESC NULLS LAST`,
    [lineIds],
  );
  return byLine(rows, 'toLineId');
}

/** Where lines of an older edition lead in `toEdition`, following the mapping edition by edition. */
export interface FollowedLine {
  /** The line asked about. */
  lineId: string;
  /** Its successors in `toEdition` (none when it was dropped on the way, or nothing maps it). */
  lineIds: string[];
  /** The link that dropped it, if one did (with the reviewer's reason). */
  dropped: SuccessionRow | null;
}

/**
 * Follows each line through the editions that supersede one another up to `toEdition` (several
 * steps: 2020-2022 → 2022-2024 → 2024-2026 → ...), keeping every branch of a split. A line that
 * is already of `toEdition` leads to itself.
 */
export async function followToEdition(
  db: EntityManager,
  lineIds: readonly string[],
  toEdition: string,
): Promise<FollowedLine[]> {
  const rows: { origin: string; lineId: string | null; dropped: SuccessionRow | null }[] = await db.query(
    `WITH RECURSIVE chain AS (
       SELECT l.id AS origin, l.id AS line_id, l.edition_code, 0 AS depth FROM plan_line l WHERE l.id = ANY($1::uuid[])
       UNION ALL
       SELECT c.origin, s.to_line_id, s.to_edition, c.depth + 1
         FROM chain c JOIN plan_line_succession s ON s.from_line_id = c.line_id
        WHERE c.edition_code <> $2 AND s.to_line_id IS NOT NULL AND c.depth < 20
     )
     SELECT o.id AS origin, c.line_id AS "lineId",
            (SELECT row_to_json(d) FROM (
               SELECT ${COLUMNS} FROM chain x JOIN plan_line_succession s ON s.from_line_id = x.line_id
                WHERE x.origin = o.id AND s.kind = 'DROPPED' LIMIT 1) d) AS dropped
       FROM unnest($1::uuid[]) AS o(id)
       LEFT JOIN chain c ON c.origin = o.id AND c.edition_code = $2`,
    [lineIds, toEdition],
  );
  const followed = new Map<string, FollowedLine>();
  for (const row of rows) {
    const entry = followed.get(row.origin) ?? { lineId: row.origin, lineIds: [], dropped: row.dropped };
    if (row.lineId && !entry.lineIds.includes(row.lineId)) entry.lineIds.push(row.lineId);
    followed.set(row.origin, entry);
  }
  return lineIds.map((id) => followed.get(id) ?? { lineId: id, lineIds: [], dropped: null });
}

/**
 * The edition that nothing supersedes, reached from `code` by following the editions that
 * supersede it (the current one for an office that worked on `code`); `code` itself if none does.
 */
export async function currentEditionFrom(db: EntityManager, code: string): Promise<string> {
  const [row]: { code: string }[] = await db.query(
    `WITH RECURSIVE later AS (
       SELECT e.code, 0 AS depth FROM plan_edition e WHERE e.code = $1
       UNION ALL
       SELECT n.code, l.depth + 1 FROM later l JOIN plan_edition n ON n.supersedes = l.code WHERE l.depth < 20
     )
     SELECT code FROM later ORDER BY depth DESC, code LIMIT 1`,
    [code],
  );
  return row?.code ?? code;
}
