import { EntityManager } from 'typeorm';
import { DUE_DATE } from './overdue';

/**
 * What the mails about assignments say, read for the notifications library: the assignments
 * domain owns these tables, so the SQL that reads them for a mail lives here.
 */
export interface ReviewDecisionFacts {
  comune_id: string;
  delegate_person_id: string | null;
  comune_name: string;
  title: string;
  due: string;
  to_status: string;
  note: string | null;
}

export interface OpenAssignmentNotice {
  comune_id: string;
  comune_name: string;
  title: string;
  due: string;
  status: string;
  progress: number;
  delegate_person_id: string | null;
}

export interface SubmittedAssignmentNotice {
  title: string;
  comune_name: string;
  submitted_at: Date;
}

/** The assignment with its latest decision (COMPLETED or REJECTED), or null. */
export async function reviewDecisionFacts(
  db: EntityManager,
  assignmentId: string,
): Promise<ReviewDecisionFacts | null> {
  const [row] = await db.query(
    `SELECT a.comune_id, a.delegate_person_id, c.name AS comune_name, o.title, ${DUE_DATE} AS due,
            e.to_status, e.note
       FROM assignment a JOIN comune c ON c.id = a.comune_id JOIN shared_objective o ON o.id = a.objective_id
       JOIN LATERAL (SELECT to_status, note FROM status_event WHERE assignment_id = a.id
                      AND to_status IN ('COMPLETED', 'REJECTED') ORDER BY id DESC LIMIT 1) e ON true
      WHERE a.id = $1`,
    [assignmentId],
  );
  return row ?? null;
}

/** The consortium's open assignments of published objectives due by `day` + 30, soonest first. */
export async function openAssignmentsDueSoon(
  db: EntityManager,
  consortiumId: string,
  day: string,
): Promise<OpenAssignmentNotice[]> {
  return db.query(
    `SELECT a.comune_id, c.name AS comune_name, o.title, ${DUE_DATE} AS due, a.status,
            a.progress, a.delegate_person_id
       FROM assignment a JOIN comune c ON c.id = a.comune_id JOIN shared_objective o ON o.id = a.objective_id
      WHERE a.consortium_id = $1 AND o.state = 'PUBLISHED'
        AND a.status IN ('NOT_STARTED', 'IN_PROGRESS', 'REJECTED')
        AND ${DUE_DATE} <= $2::date + 30
      ORDER BY due, o.title`,
    [consortiumId, day],
  );
}

/** The consortium's reports waiting for review, oldest submission first. */
export async function submittedAssignments(
  db: EntityManager,
  consortiumId: string,
): Promise<SubmittedAssignmentNotice[]> {
  return db.query(
    `SELECT o.title, c.name AS comune_name,
            (SELECT max(at) FROM status_event e WHERE e.assignment_id = a.id AND e.to_status = 'SUBMITTED') AS submitted_at
       FROM assignment a JOIN comune c ON c.id = a.comune_id JOIN shared_objective o ON o.id = a.objective_id
      WHERE a.consortium_id = $1 AND a.status = 'SUBMITTED' ORDER BY submitted_at, c.name`,
    [consortiumId],
  );
}

/** An assignment as a notice about it names it (issue 22). */
export interface AssignmentNoticeFacts {
  assignment_id: string;
  comune_id: string;
  comune_name: string;
  delegate_person_id: string | null;
  title: string;
  due: string | null;
  status: string;
}

const NOTICE_COLUMNS = `a.id AS assignment_id, a.comune_id, c.name AS comune_name, a.delegate_person_id, o.title,
  to_char(${DUE_DATE}, 'YYYY-MM-DD') AS due, a.status`;
const NOTICE_FROM = `assignment a JOIN comune c ON c.id = a.comune_id JOIN shared_objective o ON o.id = a.objective_id`;

/** The assignments a push run created, by comune name. */
export function pushRunNotices(db: EntityManager, pushRunId: string): Promise<AssignmentNoticeFacts[]> {
  return db.query(
    `SELECT ${NOTICE_COLUMNS} FROM ${NOTICE_FROM} WHERE a.push_run_id = $1 ORDER BY c.name, a.id`,
    [pushRunId],
  );
}

/** One assignment, or null. */
export async function assignmentNotice(
  db: EntityManager,
  assignmentId: string,
): Promise<AssignmentNoticeFacts | null> {
  const [row] = await db.query(`SELECT ${NOTICE_COLUMNS} FROM ${NOTICE_FROM} WHERE a.id = $1`, [
    assignmentId,
  ]);
  return row ?? null;
}

/** The assignments of an objective still to be reported on (a change of due date or a closure concerns them). */
export function openAssignmentsOfObjective(
  db: EntityManager,
  objectiveId: string,
): Promise<AssignmentNoticeFacts[]> {
  return db.query(
    `SELECT ${NOTICE_COLUMNS} FROM ${NOTICE_FROM}
      WHERE a.objective_id = $1 AND a.status IN ('NOT_STARTED', 'IN_PROGRESS', 'REJECTED') ORDER BY c.name, a.id`,
    [objectiveId],
  );
}
