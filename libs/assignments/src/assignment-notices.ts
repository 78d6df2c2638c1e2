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
