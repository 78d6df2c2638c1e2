import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Where } from '@rtd/kernel';
import { AssignmentStatus, ObjectiveState } from './workflow';
import { DUE_DATE, overdueSql } from './overdue';

export interface AssignmentRow {
  id: string;
  consortiumId: string;
  comuneId: string;
  objectiveId: string;
  objectiveState: ObjectiveState;
  status: AssignmentStatus;
  progress: number;
  dueDate: string | null;
  overdue: boolean;
  issues: string | null;
  delegatePersonId: string | null;
  version: number;
  updatedAt: Date;
}

export interface AssignmentQuery {
  consortiumId: string | null;
  comuneId: string | null;
  objectiveId: string | null;
  statuses: AssignmentStatus[] | null;
  overdue: boolean | null;
  /** The caller's reach (AccessScope): all of these consortia, these municipalities, or delegated to the person. */
  fullConsortia: string[];
  comuni: string[];
  delegateComuni: string[];
  personId: string | null;
  limit: number;
  after: { due: string; id: string } | null;
}

const DUE = DUE_DATE;
const OVERDUE = overdueSql();

const ASSIGNMENT_COLUMNS = `a.id, a.consortium_id AS "consortiumId", a.comune_id AS "comuneId",
  a.objective_id AS "objectiveId", o.state AS "objectiveState", a.status, a.progress, ${DUE} AS "dueDate", ${OVERDUE} AS overdue,
  a.issues, a.delegate_person_id AS "delegatePersonId", a.version, a.updated_at AS "updatedAt"`;

export interface AssignmentChange {
  status: AssignmentStatus;
  progress: number;
  issues?: string | null;
  delegatePersonId?: string | null;
}

/** All SQL about assignments, their history and evidence. */
@Injectable()
export class AssignmentsRepository {
  async byIds(db: EntityManager, ids: readonly string[]): Promise<AssignmentRow[]> {
    return db.query(
      `SELECT ${ASSIGNMENT_COLUMNS} FROM assignment a JOIN shared_objective o ON o.id = a.objective_id
        WHERE a.id = ANY($1::uuid[])`,
      [ids],
    );
  }

  async page(db: EntityManager, q: AssignmentQuery): Promise<{ rows: AssignmentRow[]; total: number }> {
    // The caller's reach, in the same terms as row-level security; nothing to reach, nothing to read.
    const reach = new Where();
    const parts: string[] = [];
    if (q.fullConsortia.length) parts.push(`a.consortium_id = ANY(${reach.param(q.fullConsortia)}::uuid[])`);
    if (q.comuni.length) parts.push(`a.comune_id = ANY(${reach.param(q.comuni)}::uuid[])`);
    if (q.delegateComuni.length && q.personId) {
      parts.push(
        `(a.comune_id = ANY(${reach.param(q.delegateComuni)}::uuid[]) AND a.delegate_person_id = ${reach.param(q.personId)}::uuid)`,
      );
    }
    if (parts.length === 0) return { rows: [], total: 0 };
    const where = new Where(reach.params).and(`(${parts.join(' OR ')})`);
    if (q.consortiumId) where.and(`a.consortium_id = ${where.param(q.consortiumId)}::uuid`);
    if (q.comuneId) where.and(`a.comune_id = ${where.param(q.comuneId)}::uuid`);
    if (q.objectiveId) where.and(`a.objective_id = ${where.param(q.objectiveId)}::uuid`);
    if (q.statuses) where.and(`a.status = ANY(${where.param(q.statuses)}::text[])`);
    if (q.overdue !== null) where.and(`${OVERDUE} = ${where.param(q.overdue)}::boolean`);
    const filterParams = [...where.params];
    const key = `(coalesce(${DUE}, 'infinity'::date), a.id)`;
    const page = new Where(filterParams).and(where.toString());
    if (q.after) page.and(`${key} > (${page.param(q.after.due)}::date, ${page.param(q.after.id)}::uuid)`);
    const rows: AssignmentRow[] = await db.query(
      `SELECT ${ASSIGNMENT_COLUMNS} FROM assignment a JOIN shared_objective o ON o.id = a.objective_id
        WHERE ${page} ORDER BY ${key} LIMIT ${q.limit}`,
      page.params,
    );
    const [{ total }] = await db.query(
      `SELECT count(*)::int AS total FROM assignment a JOIN shared_objective o ON o.id = a.objective_id WHERE ${where}`,
      filterParams,
    );
    return { rows, total };
  }

  /** Writes the change if the version is still `expectedVersion`; false when another write won. */
  async change(
    db: EntityManager,
    id: string,
    expectedVersion: number,
    change: AssignmentChange,
  ): Promise<boolean> {
    const params: unknown[] = [id, expectedVersion, change.status, change.progress];
    const sets = ['status = $3', 'progress = $4', 'version = version + 1', 'updated_at = now()'];
    if (change.issues !== undefined) {
      params.push(change.issues);
      sets.push(`issues = $${params.length}`);
    }
    if (change.delegatePersonId !== undefined) {
      params.push(change.delegatePersonId);
      sets.push(`delegate_person_id = $${params.length}`);
    }
    // Cached compliance summaries go stale here: trigger assignment_version_update
    // (migrations/1764000005000-compliance-versions.ts) bumps the consortium's version in this transaction.
    const result = await db.query(
      `UPDATE assignment SET ${sets.join(', ')} WHERE id = $1 AND version = $2 RETURNING id`,
      params,
    );
    const rows = Array.isArray(result[0]) ? result[0] : result;
    return rows.length > 0;
  }

  /**
   * One assignment per municipality of `comuneIds` not yet assigned the objective, and its first
   * history entry, in one statement each: the unique (objective, municipality) constraint makes
   * a second run a no-op. The insert bumps the consortium's compliance version once (statement
   * trigger assignment_version_insert, migrations/1764000005000-compliance-versions.ts).
   */
  async insertForPushRun(
    db: EntityManager,
    run: { pushRunId: string; objectiveId: string; consortiumId: string },
    comuneIds: readonly string[],
    actorSubject: string,
  ): Promise<number> {
    const [result] = await db.query(
      `WITH created AS (
         INSERT INTO assignment (consortium_id, comune_id, objective_id, push_run_id)
         SELECT $2, id, $1, $4 FROM unnest($3::uuid[]) AS t(id)
         ON CONFLICT (objective_id, comune_id) DO NOTHING
         RETURNING id, comune_id
       ), history AS (
         INSERT INTO status_event (consortium_id, comune_id, assignment_id, from_status, to_status, progress,
                                   note, actor_subject)
         SELECT $2, comune_id, id, NULL, 'NOT_STARTED', 0, 'Obiettivo assegnato dall''Ufficio RTD', $5 FROM created
       )
       SELECT count(*)::int AS created FROM created`,
      [run.objectiveId, run.consortiumId, comuneIds, run.pushRunId, actorSubject],
    );
    return (result as { created: number }).created;
  }

  /** How many assignments a push run has created (recounted, never accumulated). */
  async countForPushRun(db: EntityManager, pushRunId: string): Promise<number> {
    const [row] = await db.query(`SELECT count(*)::int AS count FROM assignment WHERE push_run_id = $1`, [
      pushRunId,
    ]);
    return (row as { count: number }).count;
  }

  async appendHistory(
    db: EntityManager,
    row: AssignmentRow,
    event: { from: AssignmentStatus | null; to: AssignmentStatus; progress: number; note: string | null },
    actor: { subject: string; personId: string | null; requestId: string },
  ): Promise<void> {
    await db.query(
      `INSERT INTO status_event (consortium_id, comune_id, assignment_id, from_status, to_status, progress, note,
                                 actor_subject, actor_person_id, request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        row.consortiumId,
        row.comuneId,
        row.id,
        event.from,
        event.to,
        event.progress,
        event.note,
        actor.subject,
        actor.personId,
        actor.requestId,
      ],
    );
  }

  async addEvidence(
    db: EntityManager,
    row: AssignmentRow,
    evidence: { kind: string; url: string | null; description: string },
    actor: { subject: string; personId: string | null },
  ) {
    const [created] = await db.query(
      `INSERT INTO evidence (consortium_id, comune_id, assignment_id, kind, url, description, added_by_subject,
                             added_by_person_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       RETURNING id, kind, url, description, added_at AS "addedAt", added_by_person_id AS "addedByPersonId"`,
      [
        row.consortiumId,
        row.comuneId,
        row.id,
        evidence.kind,
        evidence.url,
        evidence.description,
        actor.subject,
        actor.personId,
      ],
    );
    return created;
  }

  /**
   * The evidence count of an assignment, with the assignment's row locked until the end of the
   * transaction: concurrent additions to one assignment count and insert one after the other, so
   * a cap checked on this count holds.
   */
  async lockAndCountEvidence(db: EntityManager, assignmentId: string): Promise<number> {
    await db.query(`SELECT 1 FROM assignment WHERE id = $1 FOR NO KEY UPDATE`, [assignmentId]);
    const [{ count }] = await db.query(
      `SELECT count(*)::int AS count FROM evidence WHERE assignment_id = $1`,
      [assignmentId],
    );
    return count;
  }

  async evidenceOf(db: EntityManager, ids: readonly string[]) {
    return db.query(
      `SELECT id, assignment_id AS "assignmentId", kind, url, description, added_at AS "addedAt",
              added_by_person_id AS "addedByPersonId"
         FROM evidence WHERE assignment_id = ANY($1::uuid[]) ORDER BY added_at, id`,
      [ids],
    );
  }

  async historyOf(db: EntityManager, ids: readonly string[]) {
    return db.query(
      `SELECT assignment_id AS "assignmentId", at, from_status AS "from", to_status AS "to", progress, note,
              actor_person_id AS "actorPersonId"
         FROM status_event WHERE assignment_id = ANY($1::uuid[]) ORDER BY id`,
      [ids],
    );
  }
}
