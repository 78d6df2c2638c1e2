import { useCallback, useEffect, useRef, useState } from 'react';
import { useClient, type CombinedError } from 'urql';
import type { DashboardAssignmentsQuery as Result } from '../../../gql/graphql';
import { toAppError, type AppError } from '../../../lib/errors';
import { DashboardAssignmentsQuery, DashboardPulseQuery } from '../api/dashboard';

export type DashboardAssignment = Result['assignments']['edges'][number]['node'];

/** However quiet the pulse, the whole list is reloaded this often (a status moving sideways). */
const FULL_RELOAD_MS = 120_000;

/**
 * Every assignment of the consortium, page after page (500 at a time). An open dashboard checks
 * three counts every `refreshMs` and reloads the list when one moves (a new report, a decision),
 * so new reports show up without a reload and without downloading everything every few seconds.
 */
export function useConsortiumAssignments(consortiumId: string, refreshMs: number) {
  const client = useClient();
  const [items, setItems] = useState<DashboardAssignment[] | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  const pulse = useRef<string | null>(null);
  const loadedAt = useRef(0);

  const load = useCallback(async () => {
    const all: DashboardAssignment[] = [];
    let after: string | null = null;
    for (let page = 0; page < 40; page++) {
      const result: { data?: Result; error?: CombinedError } = await client
        .query(DashboardAssignmentsQuery, { consortiumId, after }, { requestPolicy: 'network-only' })
        .toPromise();
      if (result.error) {
        setError(toAppError(result.error));
        return;
      }
      const connection: Result['assignments'] = result.data!.assignments;
      all.push(...connection.edges.map((e) => e.node));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor ?? null;
    }
    setError(null);
    setItems(all);
    loadedAt.current = Date.now();
  }, [client, consortiumId]);

  const check = useCallback(async () => {
    const result = await client
      .query(DashboardPulseQuery, { consortiumId }, { requestPolicy: 'network-only' })
      .toPromise();
    if (!result.data) return;
    const { all, submitted, completed } = result.data;
    const now = `${all.totalCount}/${submitted.totalCount}/${completed.totalCount}`;
    const moved = pulse.current !== null && pulse.current !== now;
    pulse.current = now;
    if (moved || Date.now() - loadedAt.current > FULL_RELOAD_MS) await load();
  }, [client, consortiumId, load]);

  useEffect(() => {
    pulse.current = null;
    void load().then(check);
    const timer = window.setInterval(() => void check(), refreshMs);
    return () => window.clearInterval(timer);
  }, [load, check, refreshMs]);

  return { items, error, reload: load };
}
