import { normaliseSpace } from './plan-line.util';

/** Stands for an escaped asterisk while emphasis asterisks are removed. */
const LITERAL_ASTERISK = '\u{E000}';

/**
 * Reduces reStructuredText inline markup to plain text. AgID's sources escape spaces to glue
 * emphasis to words ("*Web Analytic*\ s"), so escaped whitespace disappears rather than becoming
 * a space, and emphasis asterisks go entirely. An escaped asterisk ("**Da aprile 2025 \***") is
 * AgID's mark of a rescheduled line in the 2025 update, and stays.
 */
export function stripRstInline(raw: string): string {
  const text = raw
    .replace(/\\\*/g, LITERAL_ASTERISK)
    .replace(/`([^`<]*?)\s*<[^>]*>`_{1,2}/g, '$1')
    .replace(/:[a-z-]+:`([^`]*)`/g, '$1')
    .replace(/``([^`]*)``/g, '$1')
    .replace(/`([^`]*)`_{1,2}/g, '$1')
    .replace(/\\\s/g, '')
    .replace(/\\(.)/g, '$1')
    .replace(/\*+/g, '')
    .replaceAll(LITERAL_ASTERISK, '*');
  return normaliseSpace(text);
}

/** Backquotes surviving the stripping mean markup this parser does not understand. */
export function hasLeftoverRstMarkup(text: string): boolean {
  return text.includes('`');
}
