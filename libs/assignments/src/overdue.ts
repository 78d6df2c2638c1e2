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
 * passes the status the assignment had that day) and its due date is `due` (DUE_DATE by default;
 * the compliance rollup's comune counts pass their column, which holds DUE_DATE already: see
 * migrations/1764000020000-compliance-rollup.ts, whose buckets keep status and due date so that
 * this rule is applied at read time, whatever it says).
 */
export function overdueSql(day: string = TODAY_IN_ROME_SQL, status = 'a.status', due = DUE_DATE): string {
  // Without any due date nothing is overdue: false, never NULL (an objective may have no date).
  return `(${due} IS NOT NULL AND ${due} < ${day} AND ${openSql(status)})`;
}

/** Whether an assignment is still open (neither completed nor not applicable): what can be late or due. */
export function openSql(status = 'a.status'): string {
  return `${status} NOT IN ('COMPLETED', 'NOT_APPLICABLE')`;
}

/**
 * Whether an objective `o` still counts as open work: a closed one (the office closed it) is
 * never overdue, and is shown as "Chiuso dall'ufficio il ...", not as a status with days left.
 */
export const OBJECTIVE_OPEN = `o.state <> 'CLOSED'`;

/** overdueSql, for an assignment joined to its objective `o`: never for a closed objective. */
export function overdueOfOpenSql(day: string = TODAY_IN_ROME_SQL): string {
  return `(${overdueSql(day)} AND ${OBJECTIVE_OPEN})`;
}
