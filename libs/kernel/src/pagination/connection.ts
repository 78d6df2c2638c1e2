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

export function decodeCursor(
  cursor: string | null | undefined,
  shape: readonly ('string' | 'number')[],
): (string | number)[] | null {
  if (cursor === undefined || cursor === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badInput('after', 'cursore non valido');
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== shape.length ||
    parsed.some((value, index) => typeof value !== shape[index])
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
