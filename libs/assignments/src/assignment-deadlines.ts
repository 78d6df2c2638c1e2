import { EntityManager } from 'typeorm';
import { DUE_DATE } from './overdue';

/**
 * The deadlines of assignments, read for the calendar feeds (libs/calendar): the assignments
 * domain owns these tables, so the SQL lives here. Read under the feed owner's own context:
 * row-level security shows only what that person may see.
 */
export interface AssignmentDeadline {
  id: string;
  objectiveId: string;
  title: string;
  comuneName: string;
  /** The due date (the assignment's own, else its objective's), YYYY-MM-DD. */
  due: string;
  status: string;
  objectiveState: 'PUBLISHED' | 'CLOSED';
  /**
   * Revisions that change the event, from the history: due-date changes (the assignment's and its
   * objective's), moves into or out of NOT_APPLICABLE, and the objective's closing. Stable between
   * reads, and never lower than before.
   */
  revisions: number;
  updatedAt: Date;
}

/**
 * Assignments of published or closed objectives with a due date, in `consortiumId`: those of the
 * municipalities `comuneIds` (a referent's) and those delegated to `delegatePersonId` in
 * `delegateComuneIds`. Soonest first.
 */
export async function assignmentDeadlines(
  db: EntityManager,
  who: {
    consortiumId: string;
    comuneIds: readonly string[];
    delegatePersonId: string | null;
    delegateComuneIds: readonly string[];
  },
): Promise<AssignmentDeadline[]> {
  const rows: (Omit<AssignmentDeadline, 'revisions'> & { revisions: string | number })[] = await db.query(
    `SELECT a.id, a.objective_id AS "objectiveId", o.title, c.name AS "comuneName",
            to_char(${DUE_DATE}, 'YYYY-MM-DD') AS due, a.status, o.state AS "objectiveState",
            a.due_date_changes + o.due_date_changes + CASE WHEN o.state = 'CLOSED' THEN 1 ELSE 0 END
              + (SELECT count(*) FROM status_event e WHERE e.assignment_id = a.id
                   AND 'NOT_APPLICABLE' IN (e.to_status, e.from_status)) AS revisions,
            greatest(a.updated_at, o.updated_at) AS "updatedAt"
       FROM assignment a JOIN shared_objective o ON o.id = a.objective_id JOIN comune c ON c.id = a.comune_id
      WHERE a.consortium_id = $1 AND o.state IN ('PUBLISHED', 'CLOSED') AND ${DUE_DATE} IS NOT NULL
        AND (a.comune_id = ANY ($2::uuid[])
             OR (a.delegate_person_id = $3::uuid AND a.comune_id = ANY ($4::uuid[])))
      ORDER BY ${DUE_DATE}, a.id`,
    [who.consortiumId, who.comuneIds, who.delegatePersonId, who.delegateComuneIds],
  );
  return rows.map((row) => ({ ...row, revisions: Number(row.revisions) }));
}
