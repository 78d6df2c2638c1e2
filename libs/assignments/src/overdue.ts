import { TODAY_IN_ROME_SQL } from '@rtd/dates';

/**
 * The one definition of "overdue", as SQL over an assignment `a` joined to its objective `o`:
 * past its due date (the assignment's own, else the objective's) and neither completed nor not
 * applicable. The assignment list, the compliance counts and the daily snapshots all use it.
 */

/** An assignment's due date: its own, else its objective's. */
export const DUE_DATE = `coalesce(a.due_date, o.due_date)`;

/**
 * Whether the assignment is overdue on `day` (an SQL date expression, today in Rome by default)
 * when its status is `status` (an SQL expression, the current status by default; the backfill
 * passes the status the assignment had that day).
 */
export function overdueSql(day: string = TODAY_IN_ROME_SQL, status = 'a.status'): string {
  return `(${DUE_DATE} < ${day} AND ${status} NOT IN ('COMPLETED', 'NOT_APPLICABLE'))`;
}
