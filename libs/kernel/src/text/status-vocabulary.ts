/**
 * The one Italian vocabulary of assignment statuses, read by the web app (apps/web/src/lib/i18n.ts
 * bundles this very file), the mails (libs/notifications) and the exports (PDF, XLSX, the
 * consortium report). A status is an "attività" (feminine) everywhere: «Inviata, da validare»,
 * never «Inviato» in a mail and «Inviate» in a report. It imports nothing, so that the browser
 * bundle can take it as it is; test/static/status-vocabulary.static-spec.ts keeps every reader on it.
 */
export const STATUS_LABEL = {
  NOT_STARTED: 'Non avviata',
  IN_PROGRESS: 'In corso',
  SUBMITTED: 'Inviata, da validare',
  COMPLETED: 'Completata',
  REJECTED: 'Respinta',
  NOT_APPLICABLE: 'Non applicabile',
} as const;

/** The same words for counts and column headings ("3 Non avviate"). */
export const STATUS_LABEL_PLURAL = {
  NOT_STARTED: 'Non avviate',
  IN_PROGRESS: 'In corso',
  SUBMITTED: 'Inviate, da validare',
  COMPLETED: 'Completate',
  REJECTED: 'Respinte',
  NOT_APPLICABLE: 'Non applicabili',
} as const satisfies Record<keyof typeof STATUS_LABEL, string>;

/** Shown instead of the status (and of the days left) once the RTD office closed the objective. */
export const CLOSED_BY_OFFICE = 'Chiuso dall’ufficio';

/** «Chiuso dall’ufficio il 07/12/2026»: `day` already written as dd/mm/yyyy. */
export const closedByOfficeOn = (day: string): string => `${CLOSED_BY_OFFICE} il ${day}`;
