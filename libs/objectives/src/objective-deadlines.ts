import { EntityManager } from 'typeorm';

/**
 * The due dates of a consortium's objectives, read for the office's calendar feed
 * (libs/calendar): the objectives domain owns these tables, so the SQL lives here.
 */
export interface ObjectiveDeadline {
  id: string;
  title: string;
  /** YYYY-MM-DD */
  due: string;
  state: 'PUBLISHED' | 'CLOSED';
  /** Due-date changes and the closing, from the history: stable between reads. */
  revisions: number;
  /** How many municipalities it was assigned to. */
  comuni: number;
  updatedAt: Date;
}

/** Published or closed objectives of `consortiumId` with a due date, soonest first. */
export async function objectiveDeadlines(
  db: EntityManager,
  consortiumId: string,
): Promise<ObjectiveDeadline[]> {
  const rows: (Omit<ObjectiveDeadline, 'revisions' | 'comuni'> & { revisions: number; comuni: string })[] =
    await db.query(
      `SELECT o.id, o.title, to_char(o.due_date, 'YYYY-MM-DD') AS due, o.state,
              o.due_date_changes + CASE WHEN o.state = 'CLOSED' THEN 1 ELSE 0 END AS revisions,
              (SELECT count(*) FROM assignment a WHERE a.objective_id = o.id AND a.consortium_id = o.consortium_id) AS comuni,
              o.updated_at AS "updatedAt"
         FROM shared_objective o
        WHERE o.consortium_id = $1 AND o.state IN ('PUBLISHED', 'CLOSED') AND o.due_date IS NOT NULL
        ORDER BY o.due_date, o.id`,
      [consortiumId],
    );
  return rows.map((row) => ({ ...row, revisions: Number(row.revisions), comuni: Number(row.comuni) }));
}
