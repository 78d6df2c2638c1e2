import { STATUS_LABEL } from './status-vocabulary';

/**
 * The Italian names of the codes that messages mention, in one place on the server: a sentence a
 * person reads says «Completata», never COMPLETED. Statuses come from the one vocabulary shared
 * with the web app, the mails and the exports (./status-vocabulary.ts).
 */
export const STATUS_NAME = STATUS_LABEL;

export const ROLE_NAME = {
  PLATFORM_ADMIN: 'Amministratore della piattaforma',
  CONSORTIUM_RTD: 'Responsabile per la Transizione al Digitale',
  CONSORTIUM_STAFF: 'Staff dell’Ufficio RTD',
  AUDITOR: 'Revisore',
  COMUNE_REFERENT: 'Referente del Comune',
  COMUNE_DELEGATE: 'Delegato del Comune',
  COMUNE_VIEWER: 'Consultazione del Comune',
  REGIONAL_OBSERVER: 'Osservatore regionale',
} as const;

export type StatusCode = keyof typeof STATUS_NAME;
export type RoleCode = keyof typeof ROLE_NAME;

/** «Completata»: a status as a sentence names it. */
export const statusName = (code: StatusCode): string => `«${STATUS_NAME[code]}»`;

/** «Referente del Comune»: a role as a sentence names it. */
export const roleName = (code: RoleCode): string => `«${ROLE_NAME[code]}»`;

/** How much of a caller's own input a message repeats. */
export const MAX_ECHO = 80;

/**
 * A caller's input as a message repeats it: at most `max` characters, then an ellipsis, so a
 * 90,000-character value never comes back (nor goes into a log line) whole.
 */
export function echo(value: unknown, max = MAX_ECHO): string {
  const text = String(value);
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max).join('')}…`;
}

/** A list of the caller's values, each capped and at most `maxItems` of them. */
export function echoList(values: readonly unknown[], maxItems = 10): string {
  const shown = values
    .slice(0, maxItems)
    .map((value) => echo(value))
    .join(', ');
  return values.length > maxItems ? `${shown} e altri ${values.length - maxItems}` : shown;
}
