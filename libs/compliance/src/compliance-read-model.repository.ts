import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OBJECTIVE_OPEN, overdueOfOpenSql, overdueSql } from '@rtd/assignments';
import { TODAY_IN_ROME_SQL } from '@rtd/dates';
import { queryPrepared } from '@rtd/kernel';
import { ComplianceGroupBy } from './compliance.types';

export interface CountsRow {
  key: string;
  label: string;
  /** The edition of a LINE or CHAPTER bucket; null for the other groupings. */
  edition: string | null;
  total: number;
  notStarted: number;
  inProgress: number;
  submitted: number;
  completed: number;
  rejected: number;
  notApplicable: number;
  overdue: number;
}

/**
 * What each grouping keys and labels by; LINE and CHAPTER need the objective's lines. Line codes
 * and chapter numbers are per edition (chapter 1 of 2024-2026 is not chapter 1 of 2022-2024, and
 * 2020-2022 and 2022-2024 share codes such as CAP1.PA.LA01), so those buckets are per edition.
 */
const GROUPS: Record<ComplianceGroupBy, { key: string; label: string; lines: boolean }> = {
  OBJECTIVE: { key: 'x.objective_id::text', label: 'x.title', lines: false },
  LINE: {
    key: `x.edition_code || ':' || x.line_code`,
    label: `x.line_code || ' (' || x.edition_code || ') ' || left(x.line_text, 120)`,
    lines: true,
  },
  CHAPTER: {
    key: `x.edition_code || ':' || x.chapter`,
    label: `'Capitolo ' || x.chapter || ' (' || x.edition_code || ') - ' || x.chapter_title`,
    lines: true,
  },
  COMUNE: { key: 'x.istat_code', label: 'x.comune_name', lines: false },
  PROVINCE: { key: 'x.province_code', label: 'x.province_name', lines: false },
  CONSORTIUM: { key: 'x.consortium_id::text', label: 'x.consortium_name', lines: false },
};

export interface SummaryShape {
  /** What $1 is: a consortium id or an ISTAT region code. */
  scope: 'consortium' | 'region';
  /** Whether $2 is an objective id narrowing the count. */
  objective: boolean;
  /** Live assignments, or the daily snapshots (then the next two parameters are the first and last day). */
  source?: 'live' | 'history';
}

/** Today in Rome, computed once per statement (an init plan), not once per rollup row. */
const TODAY_ONCE = `(SELECT ${TODAY_IN_ROME_SQL})`;

/** Groupings whose buckets are comuni (or sets of comuni): read from the comune counts. */
const BY_COMUNE = new Set([ComplianceGroupBy.COMUNE, ComplianceGroupBy.PROVINCE]);

/** The counts of a bucket, from rows `x` that each stand for `x.n` assignments. */
const COUNTS = `sum(x.n)::int AS total,
              coalesce(sum(x.n) FILTER (WHERE x.status = 'NOT_STARTED'), 0)::int AS "notStarted",
              coalesce(sum(x.n) FILTER (WHERE x.status = 'IN_PROGRESS'), 0)::int AS "inProgress",
              coalesce(sum(x.n) FILTER (WHERE x.status = 'SUBMITTED'), 0)::int AS submitted,
              coalesce(sum(x.n) FILTER (WHERE x.status = 'COMPLETED'), 0)::int AS completed,
              coalesce(sum(x.n) FILTER (WHERE x.status = 'REJECTED'), 0)::int AS rejected,
              coalesce(sum(x.n) FILTER (WHERE x.status = 'NOT_APPLICABLE'), 0)::int AS "notApplicable",
              coalesce(sum(x.n) FILTER (WHERE x.overdue), 0)::int AS overdue`;

/**
 * The one statement that counts assignments per bucket, shaped for its scope so that the planner
 * can use the consortium or region indexes. Exported so that the benchmark runs the very same SQL
 * through PostGraphile and directly with pg.
 *
 * Live summaries read the rollup that triggers keep in the transaction of every assignment change
 * (migrations/1764000020000-compliance-rollup.ts): compliance_objective_count for OBJECTIVE, LINE,
 * CHAPTER and CONSORTIUM, compliance_comune_count for COMUNE and PROVINCE, O(buckets) rows either
 * way; overdue is derived here, at read time, by overdueSql from each row's status and due date. A
 * summary narrowed to one objective and grouped by comune or province has one assignment per
 * comune bucket: it reads those assignments. History reads the daily snapshots.
 */
export function complianceSummarySql(groupBy: ComplianceGroupBy, shape: SummaryShape): string {
  const source = shape.source ?? 'live';
  if (source === 'live' && BY_COMUNE.has(groupBy) && !shape.objective) return comuneCountsSql(groupBy, shape);
  if (source === 'live' && !BY_COMUNE.has(groupBy)) return objectiveCountsSql(groupBy, shape);
  return assignmentCountsSql(groupBy, shape);
}

/** The objective, line and chapter columns and joins of a grouping, over rows `a` with `objective_id`. */
function lineParts(groupBy: ComplianceGroupBy, rowIdentity: string) {
  const lines = GROUPS[groupBy].lines;
  return {
    columns: lines
      ? `, l.edition_code, l.code AS line_code, l.text AS line_text, l.chapter, ch.title AS chapter_title`
      : '',
    join: lines
      ? `JOIN shared_objective_line sol ON sol.objective_id = a.objective_id
         JOIN plan_line l ON l.id = sol.plan_line_id
         JOIN plan_chapter ch ON ch.edition_code = l.edition_code AND ch.number = l.chapter`
      : '',
    // CHAPTER counts an assignment once per chapter even when several of its lines sit there.
    distinct:
      groupBy === ComplianceGroupBy.CHAPTER ? `DISTINCT ON (${rowIdentity}, l.edition_code, l.chapter)` : '',
  };
}

function bucketsOf(groupBy: ComplianceGroupBy, history = false): string {
  const group = GROUPS[groupBy];
  return `SELECT ${history ? 'x.day, ' : ''}${group.key} AS key, min(${group.label}) AS label,
              ${group.lines ? 'min(x.edition_code)' : 'NULL::text'} AS edition, ${COUNTS}
         FROM x GROUP BY ${history ? `x.day, ${group.key}` : group.key}`;
}

/** OBJECTIVE, LINE, CHAPTER, CONSORTIUM: the rollup per objective, status and own due date. */
function objectiveCountsSql(groupBy: ComplianceGroupBy, shape: SummaryShape): string {
  const scopeFilter =
    shape.scope === 'consortium' ? 'a.consortium_id = $1::uuid' : 'a.region_code = $1::char(2)';
  const objectiveFilter = shape.objective ? 'AND a.objective_id = $2::uuid' : '';
  const parts = lineParts(groupBy, 'a.objective_id, a.region_code, a.status, a.due_date');
  // The rollup row `a` has the assignment's status and own due date: overdueSql applies as is.
  return `WITH x AS (
         SELECT ${parts.distinct} a.n, a.status, a.objective_id, o.title, a.consortium_id,
                k.name AS consortium_name, (${overdueSql(TODAY_ONCE)} AND ${OBJECTIVE_OPEN}) AS overdue
                ${parts.columns}
           FROM compliance_objective_count a
           JOIN shared_objective o ON o.id = a.objective_id
           JOIN consortium k ON k.id = a.consortium_id
           ${parts.join}
          WHERE ${scopeFilter} ${objectiveFilter}
       )
       ${bucketsOf(groupBy)}`;
}

/**
 * COMUNE, PROVINCE: the rollup per comune, status and effective due date, summed per comune before
 * the comuni are joined (a few rows per comune, not one per due date).
 *
 * A consortium's summary is the read after every write of the consortium (its data version moves,
 * so the cache cannot answer): it stays within the consortium's own rows. Its closed objectives
 * are found by the consortium's objective index (an assignment's consortium is its objective's, by
 * foreign key), not by a scan of every objective; and its few dozen comuni are looked up one by one
 * (the OFFSET 0 keeps the lookup a nested loop: the planner, expecting a row per rollup row, would
 * otherwise hash the 7,904 comuni). A region's summary joins the comuni of the region by hash.
 */
function comuneCountsSql(groupBy: ComplianceGroupBy, shape: SummaryShape): string {
  const consortium = shape.scope === 'consortium';
  const scopeFilter = consortium ? 'a.consortium_id = $1::uuid' : 'a.region_code = $1::char(2)';
  // The comune rollup has no objective: the overdue assignments of closed objectives (few, found
  // through the closed objectives) move from overdue to not overdue, as the other groupings count.
  const closedScope = consortium
    ? 'o.consortium_id = $1::uuid AND a.consortium_id = o.consortium_id'
    : 'a.comune_id IN (SELECT id FROM comune WHERE region_code = $1::text)';
  const comune = consortium
    ? 'CROSS JOIN LATERAL (SELECT * FROM comune c WHERE c.id = r.comune_id OFFSET 0) c'
    : 'JOIN comune c ON c.id = r.comune_id';
  return `WITH rollup AS (
         SELECT a.comune_id, a.status, ${overdueSql(TODAY_ONCE, 'a.status', 'a.due_date')} AS overdue,
                sum(a.n) AS n
           FROM compliance_comune_count a
          WHERE ${scopeFilter}
          GROUP BY 1, 2, 3
       ), closed AS (
         SELECT a.comune_id, a.status, count(*) AS n
           FROM shared_objective o JOIN assignment a ON a.objective_id = o.id
          WHERE NOT (${OBJECTIVE_OPEN}) AND ${closedScope} AND ${overdueSql(TODAY_ONCE)}
          GROUP BY 1, 2
       ), r AS (
         SELECT comune_id, status, overdue, n FROM rollup
         UNION ALL SELECT comune_id, status, true, -n FROM closed
         UNION ALL SELECT comune_id, status, false, n FROM closed
       ), x AS (
         SELECT r.n, r.status, r.overdue, c.istat_code, c.name AS comune_name, c.province_code,
                c.province_name
           FROM r ${comune}
       )
       ${bucketsOf(groupBy)}`;
}

/** Counting rows one by one: the daily snapshots, or the assignments of one objective per comune. */
function assignmentCountsSql(groupBy: ComplianceGroupBy, shape: SummaryShape): string {
  const scopeFilter =
    shape.scope === 'consortium' ? 'a.consortium_id = $1::uuid' : 'c.region_code = $1::text';
  const objectiveFilter = shape.objective ? 'AND a.objective_id = $2::uuid' : '';
  const firstDay = shape.objective ? 3 : 2;
  // History reads the daily snapshots, with overdue as it was that day.
  const history = shape.source === 'history';
  const from = history
    ? `compliance_snapshot a JOIN shared_objective o ON o.id = a.objective_id`
    : `assignment a JOIN shared_objective o ON o.id = a.objective_id`;
  const overdue = history ? 'a.overdue' : overdueOfOpenSql();
  const id = history ? 'a.assignment_id' : 'a.id';
  const day = history ? ', a.day' : '';
  const dayFilter = history ? `AND a.day BETWEEN $${firstDay}::date AND $${firstDay + 1}::date` : '';
  const parts = lineParts(groupBy, `${id}${day}`);
  return `WITH x AS (
         SELECT ${parts.distinct} ${id} AS id ${day}, 1 AS n, a.status, a.objective_id, o.title, a.consortium_id,
                k.name AS consortium_name, c.istat_code, c.name AS comune_name, c.province_code, c.province_name,
                ${overdue} AS overdue
                ${parts.columns}
           FROM ${from}
           JOIN comune c ON c.id = a.comune_id
           JOIN consortium k ON k.id = a.consortium_id
           ${parts.join}
          WHERE ${scopeFilter} ${objectiveFilter} ${dayFilter}
       )
       ${bucketsOf(groupBy, history)}`;
}

function shapeOf(scope: {
  consortiumId: string | null;
  regionCode: string | null;
  objectiveId: string | null;
}) {
  const shape: SummaryShape = {
    scope: scope.consortiumId ? 'consortium' : 'region',
    objective: scope.objectiveId !== null,
  };
  const params: unknown[] = [scope.consortiumId ?? scope.regionCode];
  if (scope.objectiveId) params.push(scope.objectiveId);
  return { shape, params };
}

/**
 * The compliance read model: counts of assignments per bucket, in one statement, and the daily
 * snapshots. It reads the tables of the domains it summarises (assignments, objectives, catalog,
 * tenancy), as declared in ./tables.ts, and its rollup; it writes only compliance_snapshot (the
 * rollup is written by triggers).
 */
@Injectable()
export class ComplianceRepository {
  /** Whether the objective exists and the caller may see it (row-level security decides). */
  async objectiveExists(db: EntityManager, objectiveId: string): Promise<boolean> {
    const rows = await db.query(`SELECT 1 FROM shared_objective WHERE id = $1`, [objectiveId]);
    return rows.length > 0;
  }

  async summary(
    db: EntityManager,
    scope: { consortiumId: string | null; regionCode: string | null; objectiveId: string | null },
    groupBy: ComplianceGroupBy,
  ): Promise<CountsRow[]> {
    const { shape, params } = shapeOf(scope);
    // Prepared: its planning (the policies of five tables) costs as much as reading the rollup.
    return queryPrepared(db, complianceSummarySql(groupBy, shape), params);
  }

  /**
   * Whether the consortium exists for the caller (row-level security) and its data version (as
   * versionOf gives it for this one consortium), in ONE statement: a consortium's summary, whose
   * existence check and version read were two round trips (issue 28, bench case A-cold).
   */
  async consortiumVersion(
    db: EntityManager,
    consortiumId: string,
  ): Promise<{ found: boolean; version: string }> {
    const [row] = await queryPrepared<{ found: boolean; version: string }>(
      db,
      `SELECT EXISTS (SELECT 1 FROM consortium WHERE id = $1::uuid) AS found,
              coalesce((SELECT consortium_id::text || ':' || version FROM compliance_version
                         WHERE consortium_id = $1::uuid), '') AS version`,
      [consortiumId],
    );
    return row;
  }

  /** The versions of these consortia's data, as one comparable string (see compliance_version). */
  async versionOf(db: EntityManager, consortiumIds: readonly string[]): Promise<string> {
    const [row] = await db.query(
      `SELECT coalesce(string_agg(consortium_id::text || ':' || version, ',' ORDER BY consortium_id), '') AS v
         FROM compliance_version WHERE consortium_id = ANY($1::uuid[])`,
      [consortiumIds],
    );
    return row.v;
  }

  async trend(
    db: EntityManager,
    scope: { consortiumId: string | null; regionCode: string | null; objectiveId: string | null },
    groupBy: ComplianceGroupBy,
    from: string,
    to: string,
  ): Promise<(CountsRow & { day: string })[]> {
    const { shape, params } = shapeOf(scope);
    return db.query(complianceSummarySql(groupBy, { ...shape, source: 'history' }), [...params, from, to]);
  }

  /** Whether the consortium has any snapshot at all (none: its past days were never recorded). */
  async hasSnapshots(db: EntityManager, consortiumId: string): Promise<boolean> {
    const rows = await db.query(`SELECT 1 FROM compliance_snapshot WHERE consortium_id = $1 LIMIT 1`, [
      consortiumId,
    ]);
    return rows.length > 0;
  }

  /**
   * Reconstructs the snapshots of past days, up to `throughDay`, from the status history: day D
   * gets each assignment's status after its last event before D began in Rome, i.e. what the
   * midnight snapshot labelled D would have recorded, with overdue as of D. An assignment with no
   * event yet did not exist. Days that already have a snapshot of the consortium are never
   * touched, so running it again changes nothing.
   */
  async backfill(
    db: EntityManager,
    consortiumId: string,
    throughDay: string,
  ): Promise<{ days: number; rows: number }> {
    const [result] = await db.query(
      `WITH spans AS (
         SELECT e.assignment_id, e.to_status,
                (e.at AT TIME ZONE 'Europe/Rome')::date + 1 AS first_day,
                lead((e.at AT TIME ZONE 'Europe/Rome')::date + 1)
                  OVER (PARTITION BY e.assignment_id ORDER BY e.at, e.id) AS next_day
           FROM status_event e WHERE e.consortium_id = $1
       ), missing AS (
         SELECT d::date AS day
           FROM generate_series((SELECT min(first_day) FROM spans), $2::date, interval '1 day') AS d
          WHERE NOT EXISTS (SELECT 1 FROM compliance_snapshot s WHERE s.consortium_id = $1 AND s.day = d::date)
       ), inserted AS (
         INSERT INTO compliance_snapshot (day, assignment_id, consortium_id, comune_id, objective_id, status, overdue)
         SELECT m.day, a.id, a.consortium_id, a.comune_id, a.objective_id, s.to_status,
                ${overdueSql('m.day', 's.to_status')}
           FROM spans s
           JOIN missing m ON m.day >= s.first_day AND (s.next_day IS NULL OR m.day < s.next_day)
           JOIN assignment a ON a.id = s.assignment_id
           JOIN shared_objective o ON o.id = a.objective_id
         ON CONFLICT (day, assignment_id) DO NOTHING
         RETURNING day
       )
       SELECT count(DISTINCT day)::int AS days, count(*)::int AS rows FROM inserted`,
      [consortiumId, throughDay],
    );
    return result;
  }

  /** Records today's state of every assignment of the consortium; running it again the same day replaces it. */
  async snapshot(db: EntityManager, consortiumId: string, day: string): Promise<number> {
    await db.query(`DELETE FROM compliance_snapshot WHERE day = $1 AND consortium_id = $2`, [
      day,
      consortiumId,
    ]);
    const rows = await db.query(
      `INSERT INTO compliance_snapshot (day, assignment_id, consortium_id, comune_id, objective_id, status, overdue)
       SELECT $1::date, a.id, a.consortium_id, a.comune_id, a.objective_id, a.status,
              ${overdueSql('$1::date')}
         FROM assignment a JOIN shared_objective o ON o.id = a.objective_id
        WHERE a.consortium_id = $2
       RETURNING 1`,
      [day, consortiumId],
    );
    return (Array.isArray(rows[0]) ? rows[0] : rows).length;
  }
}
