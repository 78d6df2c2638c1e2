import { badInput, tooComplex } from '../errors/domain-error';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

/** `first` per the contract: 50 by default, at most 500 (over that is a budget breach). */
export function pageSize(first: number | null | undefined): number {
  if (first === undefined || first === null) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0) throw badInput('first', 'deve essere un intero non negativo');
  if (first > MAX_PAGE_SIZE)
    throw tooComplex(`Campo "first": al massimo ${MAX_PAGE_SIZE} elementi per pagina`);
  return first;
}

/** Cursors are opaque to clients: base64url of the JSON sort key of the last row. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/**
 * What each position of a cursor holds, checked before it reaches SQL: a forged cursor must be
 * a BAD_USER_INPUT, never a value PostgreSQL refuses mid-request. `text` is any text without
 * NUL; `smallint` an integer from 0 to 32767; `uuid` an id; `date` a calendar day or
 * `infinity`; `timestamp` an instant as `toISOString()` writes it.
 */
export type CursorPart = 'text' | 'smallint' | 'uuid' | 'date' | 'timestamp';

/** The longest cursor accepted: ours are well under 200 characters. */
export const MAX_CURSOR_LENGTH = 1_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function isDay(value: string): boolean {
  const match = DAY.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function fits(value: unknown, part: CursorPart): boolean {
  switch (part) {
    case 'smallint':
      return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 32_767;
    case 'text':
      return typeof value === 'string' && !value.includes('\u0000');
    case 'uuid':
      return typeof value === 'string' && UUID.test(value);
    case 'date':
      return typeof value === 'string' && (value === 'infinity' || isDay(value));
    case 'timestamp':
      return typeof value === 'string' && INSTANT.test(value) && isDay(value.slice(0, 10));
  }
}

export function decodeCursor(
  cursor: string | null | undefined,
  shape: readonly CursorPart[],
): (string | number)[] | null {
  if (cursor === undefined || cursor === null) return null;
  if (cursor.length > MAX_CURSOR_LENGTH) throw badInput('after', 'cursore non valido');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badInput('after', 'cursore non valido');
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== shape.length ||
    parsed.some((value, index) => !fits(value, shape[index]))
  ) {
    throw badInput('after', 'cursore non valido');
  }
  return parsed as (string | number)[];
}

/**
 * Builds a page from rows fetched with LIMIT size + 1: the extra row only says whether a
 * next page exists.
 */
export function toPage<R, T>(
  rows: readonly R[],
  size: number,
  totalCount: number,
  cursorKey: (row: R) => (string | number)[],
  toNode: (row: R) => T,
): Page<T> {
  const visible = rows.slice(0, size);
  const edges = visible.map((row) => ({ cursor: encodeCursor(cursorKey(row)), node: toNode(row) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > size,
      endCursor: edges.length ? edges[edges.length - 1].cursor : null,
    },
    totalCount,
  };
}
