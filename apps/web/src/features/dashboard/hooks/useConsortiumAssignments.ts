import { useCallback, useEffect, useState } from 'react';
import { useClient, type CombinedError } from 'urql';
import type { DashboardAssignmentsQuery as Result } from '../../../gql/graphql';
import { toAppError, type AppError } from '../../../lib/errors';
import { DashboardAssignmentsQuery } from '../api/dashboard';

export type DashboardAssignment = Result['assignments']['edges'][number]['node'];

/**
 * Every assignment of the consortium, page after page (500 at a time), refreshed every
 * `refreshMs` so that new reports show up on an open dashboard without a reload.
 */
export function useConsortiumAssignments(consortiumId: string, refreshMs: number) {
  const client = useClient();
  const [items, setItems] = useState<DashboardAssignment[] | null>(null);
  const [error, setError] = useState<AppError | null>(null);

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
  }, [client, consortiumId]);

  useEffect(() => {
    void load();
    const timer = window.setInterval(() => void load(), refreshMs);
    return () => window.clearInterval(timer);
  }, [load, refreshMs]);

  return { items, error, reload: load };
}
