/**
 * Italian calendar days. Deadlines, digests and snapshots follow the calendar in Rome, whatever
 * the server's time zone; days travel as `YYYY-MM-DD` strings.
 */

/**
 * `YYYY-MM-DD` in Rome. Built once: building a formatter (its locale and time zone data) costs
 * far more than formatting, and a compliance summary asks for today on every read (its cache key).
 */
const ROME_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' });

/** Today's date in Italy, `YYYY-MM-DD`. */
export function todayInRome(now = new Date()): string {
  return ROME_DAY.format(now);
}

/** The calendar day before `day` (`YYYY-MM-DD`). */
export function dayBefore(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

/** Today in Italy as SQL, for statements that compare dates in the database. */
export const TODAY_IN_ROME_SQL = `(now() AT TIME ZONE 'Europe/Rome')::date`;
