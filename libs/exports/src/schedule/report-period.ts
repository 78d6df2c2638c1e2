/**
 * The calendar of the scheduled periodic report: which period a day belongs to, the day its
 * report is due, and the next due day. Days are `YYYY-MM-DD` strings of the calendar in Rome.
 */

export type ReportFrequency = 'NONE' | 'WEEKLY' | 'MONTHLY' | 'QUARTERLY' | 'SEMIANNUAL' | 'ANNUAL';
export type ReportFormat = 'PDF' | 'XLSX';

export interface ReportRule {
  frequency: ReportFrequency;
  /**
   * MONTHLY, QUARTERLY, SEMIANNUAL (January and July) and ANNUAL (January): the day of the month
   * (1-28); WEEKLY reports are due on Mondays. Plans are monitored semi-annually and annually.
   */
  dayOfMonth: number;
}

/** What a consortium gets when its office set nothing: monthly, PDF, on day 1. */
export const DEFAULT_RULE: ReportRule & { format: ReportFormat } = {
  frequency: 'MONTHLY',
  format: 'PDF',
  dayOfMonth: 1,
};

/**
 * Days after the due day on which the daily job still queues a period's report, when the worker
 * was down on the day itself. Shorter than a week, so a schedule changed mid-period does not
 * queue a report for a period whose day is long past.
 */
export const CATCH_UP_DAYS = 3;

const parse = (day: string) => new Date(`${day}T00:00:00Z`);
const format = (date: Date) => date.toISOString().slice(0, 10);
const pad = (n: number) => String(n).padStart(2, '0');

export function addDays(day: string, days: number): string {
  const date = parse(day);
  date.setUTCDate(date.getUTCDate() + days);
  return format(date);
}

/** Monday of the ISO week of `day`. */
function monday(day: string): string {
  const weekday = (parse(day).getUTCDay() + 6) % 7; // Monday 0 ... Sunday 6
  return addDays(day, -weekday);
}

/** ISO 8601 week: `2027-W01` (the week of the year's first Thursday). */
function isoWeek(day: string): string {
  const thursday = parse(addDays(monday(day), 3));
  const year = thursday.getUTCFullYear();
  const firstThursday = parse(addDays(monday(`${year}-01-04`), 3));
  const week = 1 + Math.round((thursday.getTime() - firstThursday.getTime()) / (7 * 86_400_000));
  return `${year}-W${pad(week)}`;
}

/** The period `day` falls in: `2027-W05`, `2027-01`, `2027-Q1`, `2027-H1`, `2027`; null when nothing is scheduled. */
export function periodOf(rule: ReportRule, day: string): string | null {
  const [year, month] = [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
  switch (rule.frequency) {
    case 'WEEKLY':
      return isoWeek(day);
    case 'MONTHLY':
      return `${year}-${pad(month)}`;
    case 'QUARTERLY':
      return `${year}-Q${Math.ceil(month / 3)}`;
    case 'SEMIANNUAL':
      return `${year}-H${month <= 6 ? 1 : 2}`;
    case 'ANNUAL':
      return String(year);
    default:
      return null;
  }
}

/** The day the report of `day`'s period is due: Monday, or the chosen day of the (period's first) month. */
export function dueDayOf(rule: ReportRule, day: string): string | null {
  const [year, month] = [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
  switch (rule.frequency) {
    case 'WEEKLY':
      return monday(day);
    case 'MONTHLY':
      return `${year}-${pad(month)}-${pad(rule.dayOfMonth)}`;
    case 'QUARTERLY':
      return `${year}-${pad(3 * Math.floor((month - 1) / 3) + 1)}-${pad(rule.dayOfMonth)}`;
    case 'SEMIANNUAL':
      return `${year}-${month <= 6 ? '01' : '07'}-${pad(rule.dayOfMonth)}`;
    case 'ANNUAL':
      return `${year}-01-${pad(rule.dayOfMonth)}`;
    default:
      return null;
  }
}

/** The period whose report the daily job queues on `day`, or null: not due (yet, or any more). */
export function duePeriod(rule: ReportRule, day: string): string | null {
  const due = dueDayOf(rule, day);
  if (!due || day < due || day >= addDays(due, CATCH_UP_DAYS)) return null;
  return periodOf(rule, day);
}

/**
 * The next day the daily job will queue a report, from `today` on: today itself while today's
 * period is due and not queued yet. `queued` says which periods already have their report.
 */
export function nextRunOn(
  rule: ReportRule,
  today: string,
  queued: (period: string) => boolean,
): string | null {
  if (rule.frequency === 'NONE') return null;
  // A year and a few days: an annual report's next day is at most that far.
  for (let day = today, i = 0; i < 372; i++, day = addDays(day, 1)) {
    const period = duePeriod(rule, day);
    if (period && !queued(period)) return day;
  }
  return null;
}
