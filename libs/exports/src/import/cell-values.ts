import type { CellValue } from './status-sheet';

/** The largest «Versione»: an assignment's version is a PostgreSQL integer. */
export const MAX_VERSION = 2_147_483_647;

/**
 * A whole number as a person writes one in a cell: a number cell holding an integer, or decimal
 * digits with an optional sign and spaces around. Not `4e1`, `0x28`, `40.0`, `0b101` or an empty
 * text, all of which JavaScript's Number() reads as numbers; null for those.
 */
export function wholeNumber(value: CellValue): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : null;
  if (typeof value !== 'string' || !/^\s*[+-]?\d{1,15}\s*$/.test(value)) return null;
  return Number(value.trim());
}
