import { Injectable } from '@nestjs/common';
import { escapeLike } from '@rtd/kernel';
import { EntityManager } from 'typeorm';
import type { DeadlineKind } from './parsing';

export interface EditionRow {
  code: string;
  title: string;
  lineCount: number;
}

export interface LineRow {
  id: string;
  editionCode: string;
  code: string;
  chapter: number;
  chapterTitle: string;
  objectiveCodes: string[];
  text: string;
  deadlineKind: DeadlineKind;
  deadline: string | null;
  minPopulation: number | null;
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
  l.objective_codes AS "objectiveCodes", l.text, l.deadline_kind AS "deadlineKind", l.deadline,
  l.min_population AS "minPopulation", l.is_local AS "isLocal", l.owner_consortium_id AS "ownerConsortiumId"`;

/** Reads of the Piano Triennale catalogue. */
@Injectable()
export class CatalogRepository {
  async editions(db: EntityManager): Promise<EditionRow[]> {
    return db.query(
      `SELECT e.code, e.title, (SELECT count(*)::int FROM plan_line l WHERE l.edition_code = e.code) AS "lineCount"
         FROM plan_edition e ORDER BY e.code`,
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
