import { Injectable } from '@nestjs/common';
import { escapeLike } from '@rtd/kernel';
import { EntityManager } from 'typeorm';
import type { BodyKind, ComuniScope, LineDeadline } from './facts/facts.types';
import type { DeadlineKind, TextCorrection } from './parsing';

export interface EditionRow {
  code: string;
  title: string;
  lineCount: number;
  periodFrom: number;
  periodTo: number;
  supersedes: string | null;
  supersededBy: string | null;
  publishedOn: string | null;
  sourceFormat: string;
  sourceDescription: string;
  sourceUrl: string | null;
  sourceRevision: string | null;
  sourceLicence: string | null;
  importedAt: Date;
  createdAt: Date;
}

export interface LineRow {
  id: string;
  editionCode: string;
  code: string;
  chapter: number;
  chapterTitle: string;
  objectiveCodes: string[];
  text: string;
  printed: string;
  deadlineKind: DeadlineKind;
  deadline: string | null;
  deadlines: LineDeadline[];
  minPopulation: number | null;
  maxPopulation: number | null;
  bodies: BodyKind[];
  comuniScope: ComuniScope;
  conditions: string[];
  corrections: TextCorrection[];
  sourceFile: string | null;
  sourceLine: number | null;
  isLocal: boolean;
  /** The consortium a local line belongs to; null for AgID's lines. */
  ownerConsortiumId: string | null;
}

export interface LineQuery {
  edition: string;
  chapter: number | null;
  /** Already folded with foldForSearch. */
  search: string | null;
  limit: number;
  after: { chapter: number; code: string } | null;
}

const LINE_COLUMNS = `
  l.id, l.edition_code AS "editionCode", l.code, l.chapter, ch.title AS "chapterTitle",
  l.objective_codes AS "objectiveCodes", l.text, l.printed, l.deadline_kind AS "deadlineKind", l.deadline,
  l.deadlines, l.min_population AS "minPopulation", l.max_population AS "maxPopulation", l.bodies,
  l.comuni_scope AS "comuniScope", l.conditions, l.corrections, l.source_file AS "sourceFile",
  l.source_line AS "sourceLine", l.is_local AS "isLocal", l.owner_consortium_id AS "ownerConsortiumId"`;

/**
 * A line as JSON with every field of LineRow, for statements of other libraries that return
 * lines with their rows (the worklist, libs/assignments): `l` is plan_line, `ch` its plan_chapter.
 */
export function planLineJson(l: string, ch: string): string {
  return `json_build_object('id', ${l}.id, 'editionCode', ${l}.edition_code, 'code', ${l}.code,
    'chapter', ${l}.chapter, 'chapterTitle', ${ch}.title, 'objectiveCodes', ${l}.objective_codes,
    'text', ${l}.text, 'printed', ${l}.printed, 'deadlineKind', ${l}.deadline_kind, 'deadline', ${l}.deadline,
    'deadlines', ${l}.deadlines, 'minPopulation', ${l}.min_population, 'maxPopulation', ${l}.max_population,
    'bodies', ${l}.bodies, 'comuniScope', ${l}.comuni_scope, 'conditions', ${l}.conditions,
    'corrections', ${l}.corrections, 'sourceFile', ${l}.source_file, 'sourceLine', ${l}.source_line,
    'isLocal', ${l}.is_local, 'ownerConsortiumId', ${l}.owner_consortium_id)`;
}

const EDITION_COLUMNS = `
  e.code, e.title, (SELECT count(*)::int FROM plan_line l WHERE l.edition_code = e.code) AS "lineCount",
  e.period_from AS "periodFrom", e.period_to AS "periodTo", e.supersedes,
  (SELECT min(n.code) FROM plan_edition n WHERE n.supersedes = e.code) AS "supersededBy",
  e.published_on AS "publishedOn", e.source_format AS "sourceFormat", e.source_description AS "sourceDescription",
  e.source_url AS "sourceUrl", e.source_revision AS "sourceRevision", e.source_licence AS "sourceLicence",
  e.imported_at AS "importedAt", e.created_at AS "createdAt"`;

/** Reads of the Piano Triennale catalogue. */
@Injectable()
export class CatalogRepository {
  /** The registry, oldest plan first (by period, then code: an update after its edition). */
  async editions(db: EntityManager): Promise<EditionRow[]> {
    return db.query(
      `SELECT ${EDITION_COLUMNS} FROM plan_edition e ORDER BY e.period_from, e.period_to, e.code`,
    );
  }

  async editionExists(db: EntityManager, code: string): Promise<boolean> {
    const rows = await db.query(`SELECT 1 FROM plan_edition WHERE code = $1`, [code]);
    return rows.length > 0;
  }

  async linesPage(db: EntityManager, query: LineQuery): Promise<{ rows: LineRow[]; total: number }> {
    const params: unknown[] = [query.edition];
    const filters = ['l.edition_code = $1'];
    if (query.chapter !== null) {
      params.push(query.chapter);
      filters.push(`l.chapter = $${params.length}`);
    }
    if (query.search) {
      params.push(`%${escapeLike(query.search)}%`);
      filters.push(`l.search_text LIKE $${params.length}`);
    }
    const where = filters.join(' AND ');
    const countParams = [...params];
    let afterClause = '';
    if (query.after) {
      params.push(query.after.chapter, query.after.code);
      afterClause = `AND (l.chapter, l.code) > ($${params.length - 1}::smallint, $${params.length}::text)`;
    }
    params.push(query.limit);
    const rows: LineRow[] = await db.query(
      `SELECT ${LINE_COLUMNS}
         FROM plan_line l JOIN plan_chapter ch ON ch.edition_code = l.edition_code AND ch.number = l.chapter
        WHERE ${where} ${afterClause}
        ORDER BY l.chapter, l.code LIMIT $${params.length}`,
      params,
    );
    const [{ total }] = await db.query(
      `SELECT count(*)::int AS total FROM plan_line l WHERE ${where}`,
      countParams,
    );
    return { rows, total };
  }

  async linesByIds(db: EntityManager, ids: readonly string[]): Promise<LineRow[]> {
    return db.query(
      `SELECT ${LINE_COLUMNS}
         FROM plan_line l JOIN plan_chapter ch ON ch.edition_code = l.edition_code AND ch.number = l.chapter
        WHERE l.id = ANY($1::uuid[])`,
      [ids],
    );
  }

  async linesByCodes(db: EntityManager, edition: string, codes: readonly string[]): Promise<LineRow[]> {
    return db.query(
      `SELECT ${LINE_COLUMNS}
         FROM plan_line l JOIN plan_chapter ch ON ch.edition_code = l.edition_code AND ch.number = l.chapter
        WHERE l.edition_code = $1 AND l.code = ANY($2::text[])`,
      [edition, codes],
    );
  }
}
