import { normaliseSpace } from './plan-line.util';

/**
 * Reduces reStructuredText inline markup to plain text. AgID's sources escape spaces to glue
 * emphasis to words ("*Web Analytic*\ s"), so escaped whitespace disappears rather than becoming
 * a space, and asterisks go entirely (the plan's lines never contain a literal one).
 */
export function stripRstInline(raw: string): string {
  const text = raw
    .replace(/`([^`<]*?)\s*<[^>]*>`_{1,2}/g, '$1')
    .replace(/:[a-z-]+:`([^`]*)`/g, '$1')
    .replace(/``([^`]*)``/g, '$1')
    .replace(/`([^`]*)`_{1,2}/g, '$1')
    .replace(/\\\s/g, '')
    .replace(/\\(.)/g, '$1')
    .replace(/\*+/g, '');
  return normaliseSpace(text);
}

/** Backquotes surviving the stripping mean markup this parser does not understand. */
export function hasLeftoverRstMarkup(text: string): boolean {
  return text.includes('`');
}
