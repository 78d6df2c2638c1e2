import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { queryPrepared, Where } from '@rtd/kernel';
import type { LineRow } from '@rtd/catalog';
import type { PreparedAuditEntry } from '@rtd/audit';
import type { ObjectiveReach, ObjectiveRow } from '@rtd/objectives';
import { AssignmentStatus, ObjectiveState } from './workflow';
import { DUE_DATE, overdueOfOpenSql } from './overdue';
import {
  reachParam,
  ShortLineRow,
  ShortObjectiveRow,
  WHOLE_WORKLIST,
  worklistRelations,
  WorklistSelection,
} from './worklist-statement';

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

/** An evidence row as the worklist statement returns it (JSON: the instant as text). */
type EvidenceJson = Omit<EvidenceRow, 'addedAt'> & { addedAt: string };

/** An evidence row: a link, a note or a file (its facts; the bytes are in EvidenceStorage). */
export interface EvidenceRow {
  id: string;
  assignmentId: string;
  kind: string;
  url: string | null;
  description: string;
  addedAt: Date;
  addedByPersonId: string | null;
  fileName: string | null;
  contentType: string | null;
  size: number | null;
  sha256: string | null;
  removedAt: Date | null;
  removedByPersonId: string | null;
}

/** The columns of an EvidenceRow, from table evidence (unaliased). */
export const EVIDENCE_COLUMNS = `id, assignment_id AS "assignmentId", kind, url, description, added_at AS "addedAt",
  added_by_person_id AS "addedByPersonId", file_name AS "fileName", content_type AS "contentType",
  size_bytes AS size, sha256, removed_at AS "removedAt", removed_by_person_id AS "removedByPersonId"`;

type ObjectiveJson = Omit<ShortObjectiveRow, 'createdAt' | 'publishedAt' | 'closedAt'> & {
  createdAt: string;
  publishedAt: string | null;
  closedAt: string | null;
};

/** A row of the worklist statement: the assignment and what the worklist shows of its relations. */
export interface WorklistRow extends AssignmentRow {
  /**
   * Null if not asked, or if the objective is hidden from the caller (the join already requires
   * it). An ObjectiveRow when the selection is `full`, else only its short columns.
   */
  objective: ObjectiveRow | ShortObjectiveRow | null;
  /** The objective's plan lines, in their order: LineRow (CatalogRepository's) when `full`. */
  lines: LineRow[] | ShortLineRow[];
  /** Whom among the caller's municipalities the objective reaches (ObjectivesRepository.reachOf). */
  reach: ObjectiveReach;
  evidence: EvidenceRow[];
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
  /** Whether to count the whole filter (the connection's totalCount); else the total is 0. */
  countTotal: boolean;
}

const DUE = DUE_DATE;
// A closed objective is no longer open work: never overdue (issue 23, point 3).
const OVERDUE = overdueOfOpenSql();

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
    // Prepared: read before every write of an assignment (bench case E).
    return queryPrepared(
      db,
      `SELECT ${ASSIGNMENT_COLUMNS} FROM assignment a JOIN shared_objective o ON o.id = a.objective_id
        WHERE a.id = ANY($1::uuid[])`,
      [ids],
    );
  }

  /**
   * One page of the caller's assignments and the total, in ONE statement, with what a worklist
   * shows of each row: its objective (and who among the caller's municipalities it reaches, what
   * reading it needs), the objective's plan lines and the assignment's evidence, as JSON (json,
   * not jsonb: built as text, about 12% cheaper). The service primes the request's loaders with
   * them, so the relations cost no further round trip. `select`: only the relations (and, unless
   * `full`, only the short fields of objectives and lines) the document asks for
   * (worklist-statement.ts; building every field's JSON was most of PostgreSQL's work, bench C).
   * Keyset-paginated on (due date, id); the total counts the filter, not the page.
   */
  async page(
    db: EntityManager,
    q: AssignmentQuery,
    select: WorklistSelection = WHOLE_WORKLIST,
  ): Promise<{ rows: WorklistRow[]; total: number }> {
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
    const key = `(coalesce(${DUE}, 'infinity'::date), a.id)`;
    const page = new Where(where.params).and(where.toString());
    if (q.after) page.and(`${key} > (${page.param(q.after.due)}::date, ${page.param(q.after.id)}::uuid)`);
    // The objective's reach among the caller's municipalities, as ObjectivesService computes it.
    const relations = worklistRelations(select, reachParam(page, select, [...q.comuni, ...q.delegateComuni]));
    const found: (AssignmentRow & {
      total: number;
      sort_due: string | null;
      objective: ObjectiveJson | null;
      lines: WorklistRow['lines'] | null;
      reach: WorklistRow['reach'] | null;
      evidence: EvidenceJson[] | null;
    })[] = await queryPrepared(
      db,
      `WITH page AS (
         SELECT ${ASSIGNMENT_COLUMNS}, coalesce(${DUE}, 'infinity'::date) AS sort_due${relations.pageColumns}
           FROM assignment a JOIN shared_objective o ON o.id = a.objective_id
          WHERE ${page} ORDER BY ${key} LIMIT ${page.param(q.limit)}::int
       )${relations.ctes}
       SELECT t.total, p.*, ${relations.columns}
         FROM (${
           q.countTotal
             ? `SELECT count(*)::int AS total FROM assignment a JOIN shared_objective o ON o.id = a.objective_id
                 WHERE ${where}`
             : 'SELECT 0 AS total'
         }) t
         LEFT JOIN page p ON true
         ${relations.join}
        ORDER BY p.sort_due, p.id`,
      page.params,
    );
    const total = found.length ? found[0].total : 0;
    const rows = found
      .filter((row) => row.id !== null)
      .map(
        ({ total: _total, sort_due: _due, objective, lines, reach: objectiveReach, evidence, ...row }) => ({
          ...(row as AssignmentRow),
          objective: objective
            ? {
                ...objective,
                createdAt: new Date(objective.createdAt),
                publishedAt: objective.publishedAt ? new Date(objective.publishedAt) : null,
                closedAt: objective.closedAt ? new Date(objective.closedAt) : null,
              }
            : null,
          lines: lines ?? [],
          reach: objectiveReach ?? { comuneIds: [], delegatePersonIds: [] },
          evidence: (evidence ?? []).map((e) => ({ ...e, addedAt: new Date(e.addedAt) })),
        }),
      );
    return { rows, total };
  }

  /**
   * The change, if the version is still `expectedVersion`, with its history event and its audit
   * entry, in ONE statement: the event and the entry are written if and only if the change is (a
   * lost version race writes none of them and returns null). The row comes back as byIds reads it
   * (no re-read). The UPDATE's triggers lock the consortium's compliance counters (its version
   * and rollup buckets, migrations/1764000005000 and 1764000020000) until the commit; one
   * statement keeps the writers of one consortium from waiting on each other longer than needed.
   */
  async changeRecorded(
    db: EntityManager,
    row: AssignmentRow,
    expectedVersion: number,
    change: AssignmentChange,
    event: { note: string | null; onBehalfOfComune?: boolean },
    actor: { subject: string; personId: string | null; requestId: string },
    audit: PreparedAuditEntry,
  ): Promise<AssignmentRow | null> {
    const params: unknown[] = [row.id, expectedVersion, change.status, change.progress];
    const sets = ['status = $3', 'progress = $4', 'version = a.version + 1', 'updated_at = now()'];
    if (change.issues !== undefined) {
      params.push(change.issues);
      sets.push(`issues = $${params.length}`);
    }
    if (change.delegatePersonId !== undefined) {
      params.push(change.delegatePersonId);
      sets.push(`delegate_person_id = $${params.length}`);
    }
    const history = params.length;
    // The criticità goes into the history when this step changes it ('' when cleared).
    const issuesChanged = change.issues !== undefined && (change.issues ?? null) !== (row.issues ?? null);
    params.push(row.status, event.note, actor.subject, actor.personId, actor.requestId);
    params.push(issuesChanged ? (change.issues ?? '') : null, event.onBehalfOfComune === true);
    const entry = audit.insertFrom('changed', params.length + 1);
    params.push(...entry.params);
    const found: AssignmentRow[] = await queryPrepared(
      db,
      `WITH changed AS (
         UPDATE assignment a SET ${sets.join(', ')} FROM shared_objective o
          WHERE a.id = $1 AND a.version = $2 AND o.id = a.objective_id
          RETURNING ${ASSIGNMENT_COLUMNS}
       ), history AS (
         INSERT INTO status_event (consortium_id, comune_id, assignment_id, from_status, to_status, progress, note,
                                   actor_subject, actor_person_id, request_id, issues, on_behalf_of_comune)
         SELECT c."consortiumId", c."comuneId", c.id, $${history + 1}::text, c.status, c.progress,
                $${history + 2}::text, $${history + 3}::text, $${history + 4}::uuid, $${history + 5}::text,
                $${history + 6}::text, $${history + 7}::boolean
           FROM changed c
       ), audit AS (
         ${entry.sql}
       )
       SELECT * FROM changed`,
      params,
    );
    return found[0] ?? null;
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
       RETURNING ${EVIDENCE_COLUMNS}`,
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
      `SELECT count(*)::int AS count FROM evidence WHERE assignment_id = $1 AND removed_at IS NULL`,
      [assignmentId],
    );
    return count;
  }

  /** The evidence of these assignments: current (`removed: false`) or removed, oldest first. */
  async evidenceOf(db: EntityManager, ids: readonly string[], removed = false) {
    return db.query(
      `SELECT ${EVIDENCE_COLUMNS} FROM evidence
        WHERE assignment_id = ANY($1::uuid[]) AND (removed_at IS NOT NULL) = $2 ORDER BY added_at, id`,
      [ids, removed],
    );
  }

  async historyOf(db: EntityManager, ids: readonly string[]) {
    return db.query(
      `SELECT assignment_id AS "assignmentId", at, from_status AS "from", to_status AS "to", progress, note, issues,
              on_behalf_of_comune AS "onBehalfOfComune", actor_person_id AS "actorPersonId"
         FROM status_event WHERE assignment_id = ANY($1::uuid[]) ORDER BY id`,
      [ids],
    );
  }
}
