const DATE = new Intl.DateTimeFormat('it-IT', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  timeZone: 'UTC',
});
const DATE_TIME = new Intl.DateTimeFormat('it-IT', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Rome',
});

/** "2023-09-23" -> "23/09/2023" (a calendar day, no time zone shift). */
export const formatDate = (day: string): string => DATE.format(new Date(`${day}T00:00:00Z`));

/** An instant as a person in Italy reads it: "23/09/2023, 14:05". */
export const formatDateTime = (at: Date): string => DATE_TIME.format(at);
