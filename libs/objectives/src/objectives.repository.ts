import { Injectable } from '@nestjs/common';
import { lineReachesComuneSql } from '@rtd/catalog';
import { EntityManager } from 'typeorm';
import { StoredTarget, targetedBy } from './target';

export interface ObjectiveRow {
  id: string;
  consortiumId: string;
  title: string;
  description: string | null;
  editionCode: string;
  dueDate: string | null;
  target: StoredTarget;
  state: 'DRAFT' | 'PUBLISHED' | 'CLOSED';
  version: number;
  createdAt: Date;
  publishedAt: Date | null;
  /** When the office closed it (null unless CLOSED). */
  closedAt: Date | null;
  /** The objective this draft was carried forward from (onto the successor lines). */
  carriedFromId: string | null;
}

export interface PushRunRow {
  id: string;
  consortiumId: string;
  objectiveId: string;
  state: 'QUEUED' | 'RUNNING' | 'DONE' | 'FAILED';
  targeted: number;
  created: number;
  skipped: number;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface ObjectiveChanges {
  title?: string;
  description?: string | null;
  dueDate?: string | null;
  target?: StoredTarget;
  state?: ObjectiveRow['state'];
}

/** Who among the caller's municipalities an objective reaches: what the ability needs to decide `read`. */
export interface ObjectiveReach {
  comuneIds: string[];
  delegatePersonIds: string[];
}

const OBJECTIVE_COLUMNS = `o.id, o.consortium_id AS "consortiumId", o.title, o.description,
  o.edition_code AS "editionCode", o.due_date AS "dueDate", o.target, o.state, o.version,
  o.created_at AS "createdAt", o.published_at AS "publishedAt", o.closed_at AS "closedAt",
  o.carried_from_id AS "carriedFromId"`;

const PUSH_RUN_COLUMNS = `r.id, r.consortium_id AS "consortiumId", r.objective_id AS "objectiveId", r.state,
  r.targeted, r.created, r.skipped, r.started_at AS "startedAt", r.finished_at AS "finishedAt"`;

/**
 * Members of `o.consortium_id` that the target `o.target` reaches and every line of `lineIds` (an
 * SQL uuid[]) applies to: its kinds of body take in the comune, its population is in the band.
 */
function membersReached(lineIds: string): string {
  return `
  SELECT c.id, c.population, c.istat_code FROM consortium_member m JOIN comune c ON c.id = m.comune_id
   WHERE m.consortium_id = o.consortium_id AND ${targetedBy('o.target')}
     AND NOT EXISTS (SELECT 1 FROM plan_line l WHERE l.id = ANY(${lineIds}) AND NOT ${lineReachesComuneSql('l', 'c')})`;
}

/** Members of the objective's consortium that its target and its lines reach (`o` is the objective). */
export const TARGETED_MEMBERS = membersReached(
  `ARRAY(SELECT sol.plan_line_id FROM shared_objective_line sol WHERE sol.objective_id = o.id)`,
);

/** A member as targeting reads it: what the reasons for leaving it out speak of. */
export interface MemberFacts {
  id: string;
  population: number;
  provinceCode: string;
  provinceName: string;
  metropolitanCapital: boolean;
}

/** All SQL about shared objectives, their lines and their push runs. */
@Injectable()
export class ObjectivesRepository {
  async insert(
    db: EntityManager,
    row: Pick<
      ObjectiveRow,
      'consortiumId' | 'title' | 'description' | 'editionCode' | 'dueDate' | 'target'
    > & {
      carriedFromId?: string | null;
    },
    createdBy: string,
  ): Promise<ObjectiveRow> {
    const [created] = await db.query(
      `INSERT INTO shared_objective (consortium_id, title, description, edition_code, due_date, target, created_by,
                                     carried_from_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        row.consortiumId,
        row.title,
        row.description,
        row.editionCode,
        row.dueDate,
        JSON.stringify(row.target),
        createdBy,
        row.carriedFromId ?? null,
      ],
    );
    return (await this.byIds(db, [created.id]))[0];
  }

  async replaceLines(db: EntityManager, objective: ObjectiveRow, lineIds: readonly string[]): Promise<void> {
    await db.query(`DELETE FROM shared_objective_line WHERE objective_id = $1`, [objective.id]);
    await db.query(
      `INSERT INTO shared_objective_line (objective_id, consortium_id, plan_line_id, position)
       SELECT $1, $2, line_id, ordinality FROM unnest($3::uuid[]) WITH ORDINALITY AS l(line_id, ordinality)`,
      [objective.id, objective.consortiumId, lineIds],
    );
  }

  async byIds(db: EntityManager, ids: readonly string[]): Promise<ObjectiveRow[]> {
    return db.query(`SELECT ${OBJECTIVE_COLUMNS} FROM shared_objective o WHERE o.id = ANY($1::uuid[])`, [
      ids,
    ]);
  }

  /**
   * One page of a consortium's objectives, newest first, narrowed to what the caller reaches:
   * all of them for the RTD office, those assigned to its municipalities (or delegated to it) otherwise.
   */
  async page(
    db: EntityManager,
    query: {
      consortiumId: string;
      state: string | null;
      whole: boolean;
      comuneIds: readonly string[];
      delegateComuneIds: readonly string[];
      personId: string | null;
      limit: number;
      after: { createdAt: string; id: string } | null;
    },
  ): Promise<{ rows: ObjectiveRow[]; total: number }> {
    const params: unknown[] = [
      query.consortiumId,
      query.state,
      query.whole,
      query.comuneIds,
      query.delegateComuneIds,
      query.personId,
    ];
    const where = `o.consortium_id = $1 AND ($2::text IS NULL OR o.state = $2)
      AND ($3 OR EXISTS (SELECT 1 FROM assignment a WHERE a.objective_id = o.id
            AND (a.comune_id = ANY($4::uuid[])
                 OR (a.comune_id = ANY($5::uuid[]) AND a.delegate_person_id = $6::uuid))))`;
    let afterClause = '';
    if (query.after) {
      params.push(query.after.createdAt, query.after.id);
      afterClause = `AND (o.created_at, o.id) < ($7::timestamptz, $8::uuid)`;
    }
    // One connection per transaction: statements run one after the other.
    const rows: ObjectiveRow[] = await db.query(
      `SELECT ${OBJECTIVE_COLUMNS} FROM shared_objective o WHERE ${where} ${afterClause}
        ORDER BY o.created_at DESC, o.id DESC LIMIT ${query.limit}`,
      params,
    );
    const [{ total }] = await db.query(
      `SELECT count(*)::int AS total FROM shared_objective o WHERE ${where}`,
      params.slice(0, 6),
    );
    return { rows, total };
  }

  /** Applies the changes if the version is still `expectedVersion`; null when it is not. */
  async update(
    db: EntityManager,
    id: string,
    expectedVersion: number,
    changes: ObjectiveChanges,
  ): Promise<ObjectiveRow | null> {
    const sets: string[] = ['version = version + 1', 'updated_at = now()'];
    const params: unknown[] = [id, expectedVersion];
    const set = (column: string, value: unknown) => {
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    };
    if (changes.title !== undefined) set('title', changes.title);
    if (changes.description !== undefined) set('description', changes.description);
    if (changes.dueDate !== undefined) set('due_date', changes.dueDate);
    if (changes.target !== undefined) set('target', JSON.stringify(changes.target));
    if (changes.state !== undefined) {
      set('state', changes.state);
      if (changes.state === 'PUBLISHED') sets.push('published_at = coalesce(published_at, now())');
      if (changes.state === 'CLOSED') sets.push('closed_at = now()');
    }
    // Trigger shared_objective_version_update (migrations/1764000005000-compliance-versions.ts) bumps
    // the consortium's compliance version in this transaction: cached summaries see the change.
    const updated = await db.query(
      `UPDATE shared_objective SET ${sets.join(', ')} WHERE id = $1 AND version = $2 RETURNING id`,
      params,
    );
    const rows = Array.isArray(updated[0]) ? updated[0] : updated;
    if (rows.length === 0) return null;
    return (await this.byIds(db, [id]))[0];
  }

  /** Deletes the objective if it is still a draft never published, at `expectedVersion`; false otherwise. */
  async deleteDraft(db: EntityManager, id: string, expectedVersion: number): Promise<boolean> {
    const deleted = await db.query(
      `DELETE FROM shared_objective WHERE id = $1 AND version = $2 AND state = 'DRAFT' AND published_at IS NULL
       RETURNING id`,
      [id, expectedVersion],
    );
    const rows = Array.isArray(deleted[0]) ? deleted[0] : deleted;
    return rows.length > 0;
  }

  async lineIdsOf(db: EntityManager, objectiveIds: readonly string[]): Promise<Map<string, string[]>> {
    const rows: { objectiveId: string; lineIds: string[] }[] = await db.query(
      `SELECT objective_id AS "objectiveId", array_agg(plan_line_id ORDER BY position) AS "lineIds"
         FROM shared_objective_line WHERE objective_id = ANY($1::uuid[]) GROUP BY objective_id`,
      [objectiveIds],
    );
    return new Map(rows.map((row) => [row.objectiveId, row.lineIds]));
  }

  async targetedCounts(db: EntityManager, objectiveIds: readonly string[]): Promise<Map<string, number>> {
    const rows: { id: string; count: number }[] = await db.query(
      `SELECT o.id, (SELECT count(*)::int FROM (${TARGETED_MEMBERS}) t) AS count
         FROM shared_objective o WHERE o.id = ANY($1::uuid[])`,
      [objectiveIds],
    );
    return new Map(rows.map((row) => [row.id, row.count]));
  }

  /** The members a target and lines would reach in a consortium now: the fan-out's own selection, without an objective. */
  async targetedMembers(
    db: EntityManager,
    consortiumId: string,
    target: StoredTarget,
    lineIds: readonly string[],
  ): Promise<string[]> {
    const rows: { id: string }[] = await db.query(
      `SELECT t.id FROM (SELECT $1::uuid AS consortium_id, $2::jsonb AS target, $3::uuid[] AS line_ids) o,
              LATERAL (${membersReached('o.line_ids')}) t`,
      [consortiumId, JSON.stringify(target), lineIds],
    );
    return rows.map((row) => row.id);
  }

  /** Every member of a consortium with the facts targeting reads. */
  async membersFacts(db: EntityManager, consortiumId: string): Promise<MemberFacts[]> {
    return db.query(
      `SELECT c.id, c.population, c.province_code AS "provinceCode", c.province_name AS "provinceName",
              c.metropolitan_capital AS "metropolitanCapital"
         FROM consortium_member m JOIN comune c ON c.id = m.comune_id
        WHERE m.consortium_id = $1 ORDER BY c.name, c.istat_code`,
      [consortiumId],
    );
  }

  /** The objectives carried forward from each of these (drafts on successor lines), oldest first. */
  async carriedFrom(
    db: EntityManager,
    objectiveIds: readonly string[],
  ): Promise<Map<string, ObjectiveRow[]>> {
    const rows: ObjectiveRow[] = await db.query(
      `SELECT ${OBJECTIVE_COLUMNS} FROM shared_objective o WHERE o.carried_from_id = ANY($1::uuid[]) ORDER BY o.created_at, o.id`,
      [objectiveIds],
    );
    const map = new Map<string, ObjectiveRow[]>();
    for (const row of rows) map.set(row.carriedFromId!, [...(map.get(row.carriedFromId!) ?? []), row]);
    return map;
  }

  async assignmentCounts(db: EntityManager, objectiveIds: readonly string[]): Promise<Map<string, number>> {
    const rows: { id: string; count: number }[] = await db.query(
      `SELECT objective_id AS id, count(*)::int AS count FROM assignment
        WHERE objective_id = ANY($1::uuid[]) GROUP BY objective_id`,
      [objectiveIds],
    );
    return new Map(rows.map((row) => [row.id, row.count]));
  }

  async reachOf(
    db: EntityManager,
    objectiveIds: readonly string[],
    comuneIds: readonly string[],
  ): Promise<Map<string, ObjectiveReach>> {
    const rows: { id: string; comuneIds: string[]; delegatePersonIds: (string | null)[] }[] = await db.query(
      `SELECT objective_id AS id, array_agg(comune_id) AS "comuneIds",
              array_agg(delegate_person_id) AS "delegatePersonIds"
         FROM assignment WHERE objective_id = ANY($1::uuid[]) AND comune_id = ANY($2::uuid[])
        GROUP BY objective_id`,
      [objectiveIds, comuneIds],
    );
    return new Map(
      rows.map((row) => [
        row.id,
        {
          comuneIds: row.comuneIds,
          delegatePersonIds: row.delegatePersonIds.filter((id): id is string => !!id),
        },
      ]),
    );
  }

  async membersOutside(
    db: EntityManager,
    consortiumId: string,
    comuneIds: readonly string[],
  ): Promise<string[]> {
    const rows: { id: string }[] = await db.query(
      `SELECT id FROM unnest($2::uuid[]) AS t(id)
        WHERE NOT EXISTS (SELECT 1 FROM consortium_member m WHERE m.consortium_id = $1 AND m.comune_id = t.id)`,
      [consortiumId, comuneIds],
    );
    return rows.map((row) => row.id);
  }

  async insertPushRun(db: EntityManager, objective: ObjectiveRow, requestedBy: string): Promise<PushRunRow> {
    const [row] = await db.query(
      `INSERT INTO push_run (consortium_id, objective_id, requested_by, targeted)
       SELECT o.consortium_id, o.id, $2, (SELECT count(*) FROM (${TARGETED_MEMBERS}) t)
         FROM shared_objective o WHERE o.id = $1
       RETURNING id`,
      [objective.id, requestedBy],
    );
    return (await this.pushRunsByIds(db, [row.id]))[0];
  }

  /** Marks a push run RUNNING (another attempt); false when it is already DONE. */
  async startPushRun(db: EntityManager, id: string): Promise<boolean> {
    const rows = await db.query(
      `UPDATE push_run SET state = 'RUNNING', started_at = coalesce(started_at, now()), attempts = attempts + 1
        WHERE id = $1 AND state <> 'DONE' RETURNING id`,
      [id],
    );
    return (Array.isArray(rows[0]) ? rows[0] : rows).length > 0;
  }

  /** The next `limit` municipalities the objective targets, in id order after `after`. */
  async targetedAfter(
    db: EntityManager,
    objectiveId: string,
    after: string,
    limit: number,
  ): Promise<string[]> {
    const rows: { id: string }[] = await db.query(
      `SELECT t.id FROM shared_objective o, LATERAL (${TARGETED_MEMBERS}) t
        WHERE o.id = $1 AND t.id > $2::uuid ORDER BY t.id LIMIT $3`,
      [objectiveId, after, limit],
    );
    return rows.map((row) => row.id);
  }

  /** The progress of a running push run: how many assignments it has created so far. */
  async recordPushRunCreated(db: EntityManager, id: string, created: number): Promise<void> {
    await db.query(`UPDATE push_run SET created = $2 WHERE id = $1`, [id, created]);
  }

  /** A finished push run: targeted recounted now, skipped what was targeted but already assigned. */
  async finishPushRun(db: EntityManager, id: string, objectiveId: string, created: number): Promise<void> {
    await db.query(
      `UPDATE push_run r SET state = 'DONE', finished_at = now(), last_error = NULL,
              created = $3::int,
              targeted = t.targeted,
              skipped = greatest(t.targeted - $3::int, 0)
         FROM (SELECT count(*)::int AS targeted
                 FROM shared_objective o, LATERAL (${TARGETED_MEMBERS}) x WHERE o.id = $2) t
        WHERE r.id = $1`,
      [id, objectiveId, created],
    );
  }

  /** A push run that exhausted its attempts (a DONE one stays DONE). */
  async failPushRun(db: EntityManager, id: string, reason: string): Promise<void> {
    await db.query(
      `UPDATE push_run SET state = 'FAILED', last_error = $2 WHERE id = $1 AND state <> 'DONE'`,
      [id, reason.slice(0, 2000)],
    );
  }

  async pushRunsByIds(db: EntityManager, ids: readonly string[]): Promise<PushRunRow[]> {
    return db.query(`SELECT ${PUSH_RUN_COLUMNS} FROM push_run r WHERE r.id = ANY($1::uuid[])`, [ids]);
  }
}
