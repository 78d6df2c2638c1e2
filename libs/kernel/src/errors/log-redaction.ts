import { echo } from '../text/italian-names';

/** An Italian fiscal code (16 characters, omocodia letters included), as it may appear in text. */
const FISCAL_CODE =
  /\b[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-EHLMPR-T][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]\b/gi;
// Bounded repetitions: a long run of letters without '@' must not cost quadratic time.
const EMAIL = /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}/g;

/** The longest text of one field a log line carries. */
export const MAX_LOGGED_TEXT = 2_000;

/**
 * Text as a log line may carry it: no fiscal code, no e-mail address (personal data that a log
 * shipper would copy everywhere), at most `max` characters.
 */
export function redactForLog(text: string, max = MAX_LOGGED_TEXT): string {
  // Cut first (with room for a fiscal code or address across the cut), so that the patterns
  // never run over a 90,000-character input.
  const head = echo(text, max + 320);
  return echo(head.replace(FISCAL_CODE, '[codice fiscale]').replace(EMAIL, '[e-mail]'), max);
}

/**
 * An unexpected error as the log records it: its type, message, stack and SQL text, redacted,
 * and nothing else: a QueryFailedError's `parameters` (the values of the statement: fiscal
 * codes, e-mails, free text) and its driver's `detail` never reach the log.
 */
export function errorForLog(error: unknown): Record<string, string> {
  if (!(error instanceof Error)) return { type: typeof error, message: redactForLog(String(error)) };
  const logged: Record<string, string> = {
    type: error.name,
    message: redactForLog(error.message),
  };
  if (error.stack) logged.stack = redactForLog(error.stack, 4 * MAX_LOGGED_TEXT);
  const { query, code } = error as Error & { query?: unknown; code?: unknown };
  const text = sqlText(query);
  if (text !== null) logged.query = redactForLog(text);
  if (typeof code === 'string') logged.code = code;
  return logged;
}

/**
 * The SQL text of a failed statement as TypeORM's QueryFailedError carries it: a text, or the
 * `{ name, text }` object of a named prepared statement (queryPrepared); null for anything else.
 */
export function sqlText(query: unknown): string | null {
  if (typeof query === 'string') return query;
  if (query !== null && typeof query === 'object' && typeof (query as { text?: unknown }).text === 'string')
    return (query as { text: string }).text;
  return null;
}
