import { closedByOfficeOn, STATUS_LABEL } from '@rtd/kernel';

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

const ROME_DAY = new Intl.DateTimeFormat('it-IT', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  timeZone: 'Europe/Rome',
});

/**
 * An assignment's status as the files write it: «Chiuso dall’ufficio il 07/12/2026» once the
 * office closed the objective (whatever the status then), else the status of the one vocabulary.
 */
export const statusText = (status: string, closedAt: Date | null): string =>
  closedAt
    ? closedByOfficeOn(ROME_DAY.format(closedAt))
    : (STATUS_LABEL[status as keyof typeof STATUS_LABEL] ?? status);
