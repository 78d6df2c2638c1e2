import DataLoader from 'dataloader';
import { EntityManager } from 'typeorm';
import { RequestContext } from '../context/request-context';

/**
 * A DataLoader that lives as long as one request and queries through that request's
 * transaction (so row-level security applies to every batch). `fetch` receives all keys
 * asked for in one tick and must return a map; missing keys resolve to `missing`.
 */
export function requestLoader<K extends string, V>(
  ctx: RequestContext,
  name: string,
  fetch: (db: EntityManager, keys: readonly K[]) => Promise<Map<K, V>>,
  missing: V,
): DataLoader<K, V> {
  return ctx.memoize(
    name,
    () =>
      new DataLoader<K, V>(async (keys) => {
        const db = await ctx.db();
        const found = await fetch(db, keys);
        return keys.map((key) => (found.has(key) ? (found.get(key) as V) : missing));
      }),
  );
}

export function indexBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T> {
  return new Map(rows.map((row) => [key(row), row]));
}

export function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

/** The most common loader: rows by their id, null for an id the caller cannot see or that does not exist. */
export function rowsByIdLoader<T extends { id: string }>(
  ctx: RequestContext,
  name: string,
  fetch: (db: EntityManager, ids: readonly string[]) => Promise<T[]>,
): DataLoader<string, T | null> {
  return requestLoader(
    ctx,
    name,
    async (db, ids: readonly string[]) => indexBy(await fetch(db, ids), (row) => row.id),
    null as T | null,
  );
}
