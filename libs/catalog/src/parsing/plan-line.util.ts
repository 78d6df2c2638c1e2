/** What sorting needs of a line: its chapter and code. */
interface Sortable {
  chapter: number;
  code: string;
}

/** NFC first: the PDF text spells some accented letters as letter + combining accent. */
export function normaliseSpace(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Byte order rather than locale order, so the data file is identical on every machine. */
export function comparePlanLines(a: Sortable, b: Sortable): number {
  if (a.chapter !== b.chapter) return a.chapter - b.chapter;
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

export function sortPlanLines<T extends Sortable>(lines: readonly T[]): T[] {
  return [...lines].sort(comparePlanLines);
}

export function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function isValidIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}
