import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DUE_DATE, OBJECTIVE_OPEN, openSql, overdueOfOpenSql, type AssignmentStatus } from '@rtd/assignments';

export interface DashboardFilterValues {
  edition: string | null;
  chapter: number | null;
  provinceCode: string | null;
  objectiveId: string | null;
}

export interface CellRow {
  id: string;
  comuneId: string;
  objectiveId: string;
  status: AssignmentStatus;
  overdue: boolean;
}

export interface ObjectiveRow {
  id: string;
  title: string;
  edition: string;
  dueDate: string | null;
  state: string;
  lineCodes: string[];
  chapters: number[];
}

export interface ComuneRow {
  id: string;
  istatCode: string;
  name: string;
  provinceCode: string;
  provinceName: string;
}

export interface ItemRow {
  assignmentId: string;
  comuneId: string;
  comuneName: string;
  objectiveId: string;
  objectiveTitle: string;
  status: AssignmentStatus;
  progress: number;
  dueDate: string | null;
  overdue: boolean;
  issues: string | null;
  updatedAt: Date;
  totalCount: number;
}

/** The assignments of the consortium that the filters keep: $1 consortium, $2..$5 the filters. */
const FILTERED = `
  FROM assignment a
  JOIN shared_objective o ON o.id = a.objective_id AND o.consortium_id = a.consortium_id
  JOIN comune c ON c.id = a.comune_id
 WHERE a.consortium_id = $1
   AND ($2::text IS NULL OR o.edition_code = $2)
   AND ($3::int IS NULL OR EXISTS (
         SELECT 1 FROM shared_objective_line sol JOIN plan_line l ON l.id = sol.plan_line_id
          WHERE sol.objective_id = o.id AND l.chapter = $3))
   AND ($4::text IS NULL OR c.province_code = $4)
   AND ($5::uuid IS NULL OR a.objective_id = $5)`;

export interface Page {
  first: number;
  offset: number;
}

/** Open work: neither settled nor of an objective the office closed (issue 23, point 3). */
const OPEN = `${openSql()} AND ${OBJECTIVE_OPEN}`;

function filterParams(consortiumId: string, f: DashboardFilterValues): unknown[] {
  return [consortiumId, f.edition, f.chapter, f.provinceCode, f.objectiveId];
}

/**
 * The Cruscotto's read model: one row per assignment (the matrix's cells: a comune has at most one
 * assignment per objective), the member comuni, the objectives' lines, and two paged lists (the
 * next deadlines, the open criticità). It reads the tables it summarises, as declared in
 * ../tables.ts; it writes nothing.
 */
@Injectable()
export class DashboardRepository {
  async cells(db: EntityManager, consortiumId: string, f: DashboardFilterValues): Promise<CellRow[]> {
    return db.query(
      `SELECT a.id, a.comune_id AS "comuneId", a.objective_id AS "objectiveId", a.status,
              ${overdueOfOpenSql()} AS overdue
       ${FILTERED}`,
      filterParams(consortiumId, f),
    );
  }

  /** The consortium's objectives that have assignments, with their lines; unfiltered (the filters' choices). */
  async objectives(db: EntityManager, consortiumId: string): Promise<ObjectiveRow[]> {
    return db.query(
      `SELECT o.id, o.title, o.edition_code AS edition, to_char(o.due_date, 'YYYY-MM-DD') AS "dueDate", o.state,
              coalesce(array_agg(DISTINCT l.code) FILTER (WHERE l.code IS NOT NULL), '{}') AS "lineCodes",
              coalesce(array_agg(DISTINCT l.chapter) FILTER (WHERE l.chapter IS NOT NULL), '{}') AS chapters
         FROM shared_objective o
         LEFT JOIN shared_objective_line sol ON sol.objective_id = o.id
         LEFT JOIN plan_line l ON l.id = sol.plan_line_id
        WHERE o.consortium_id = $1
          AND EXISTS (SELECT 1 FROM assignment a WHERE a.consortium_id = $1 AND a.objective_id = o.id)
        GROUP BY o.id`,
      [consortiumId],
    );
  }

  /** The member comuni, by name. */
  async comuni(db: EntityManager, consortiumId: string): Promise<ComuneRow[]> {
    return db.query(
      `SELECT c.id, c.istat_code AS "istatCode", c.name, c.province_code AS "provinceCode",
              c.province_name AS "provinceName"
         FROM consortium_member m JOIN comune c ON c.id = m.comune_id
        WHERE m.consortium_id = $1
        ORDER BY c.name, c.istat_code`,
      [consortiumId],
    );
  }

  /** Open assignments due from `today` to `today + days`, soonest first, one page. */
  async deadlines(
    db: EntityManager,
    consortiumId: string,
    f: DashboardFilterValues,
    today: string,
    days: number,
    page: Page,
  ): Promise<ItemRow[]> {
    const where = `AND ${OPEN} AND ${DUE_DATE} BETWEEN $6::date AND $6::date + $7::int`;
    return this.items(
      db,
      [consortiumId, f, today],
      where,
      `${DUE_DATE}, o.title, c.name, a.id`,
      [days],
      page,
    );
  }

  /** Open assignments with a criticità (the comune's latest text), most recently changed first, one page. */
  async criticita(
    db: EntityManager,
    consortiumId: string,
    f: DashboardFilterValues,
    today: string,
    page: Page,
  ): Promise<ItemRow[]> {
    const where = `AND ${OPEN} AND nullif(btrim(a.issues), '') IS NOT NULL`;
    return this.items(db, [consortiumId, f, today], where, `a.updated_at DESC, a.id`, [], page);
  }

  /** $1..$5 the filters, $6 today, then `extra`, then the page. */
  private async items(
    db: EntityManager,
    [consortiumId, f, today]: [string, DashboardFilterValues, string],
    where: string,
    orderBy: string,
    extra: unknown[],
    page: Page,
  ): Promise<ItemRow[]> {
    const limit = 7 + extra.length;
    return db.query(
      `SELECT a.id AS "assignmentId", a.comune_id AS "comuneId", c.name AS "comuneName",
              a.objective_id AS "objectiveId", o.title AS "objectiveTitle", a.status, a.progress,
              to_char(${DUE_DATE}, 'YYYY-MM-DD') AS "dueDate", ${overdueOfOpenSql('$6::date')} AS overdue,
              left(a.issues, 500) AS issues, a.updated_at AS "updatedAt",
              count(*) OVER ()::int AS "totalCount"
       ${FILTERED} ${where}
        ORDER BY ${orderBy}
        LIMIT $${limit} OFFSET $${limit + 1}`,
      [...filterParams(consortiumId, f), today, ...extra, page.first, page.offset],
    );
  }
}
