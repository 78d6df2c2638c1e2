/** Dates as an Italian reads them (dd/mm/yyyy), computed in Europe/Rome whatever the device says. */
const ROME = 'Europe/Rome';

const dateFormat = new Intl.DateTimeFormat('it-IT', {
  timeZone: ROME,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});
const dateTimeFormat = new Intl.DateTimeFormat('it-IT', {
  timeZone: ROME,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const monthFormat = new Intl.DateTimeFormat('it-IT', { timeZone: 'UTC', month: 'long', year: 'numeric' });

/** "2026-03-31" -> "31/03/2026" (a calendar date, no time zone shift). */
export function formatDate(isoDate: string | null | undefined): string {
  if (!isoDate) return '—';
  const [y, m, d] = isoDate.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

export function formatDateTime(iso: string): string {
  return dateTimeFormat.format(new Date(iso)).replace(',', ' alle');
}

/** "2026-12-01" -> "dicembre 2026", for plan deadlines that name a month. */
export function formatMonth(isoDate: string): string {
  return monthFormat.format(new Date(`${isoDate.slice(0, 10)}T00:00:00Z`));
}

/** Today's calendar date in Rome, as YYYY-MM-DD. */
export function todayInRome(now: Date = new Date()): string {
  const [d, m, y] = dateFormat.format(now).split('/');
  return `${y}-${m}-${d}`;
}

/** Whole days from today (Rome) to the due date: negative when it has passed. */
export function daysUntil(isoDate: string, now: Date = new Date()): number {
  const today = Date.parse(`${todayInRome(now)}T00:00:00Z`);
  const due = Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`);
  return Math.round((due - today) / 86_400_000);
}

/** "scade oggi", "mancano 3 giorni", "in ritardo di 12 giorni". */
export function describeDue(isoDate: string | null | undefined, now: Date = new Date()): string {
  if (!isoDate) return 'nessuna scadenza';
  const days = daysUntil(isoDate, now);
  if (days === 0) return 'scade oggi';
  if (days === 1) return 'scade domani';
  if (days > 1) return `mancano ${days} giorni`;
  if (days === -1) return 'in ritardo di 1 giorno';
  return `in ritardo di ${-days} giorni`;
}
