import { useCallback, useEffect, useRef, useState } from 'react';
import { useClient } from 'urql';
import type {
  ConsortiumDashboardQuery as Result,
  ConsortiumDashboardQueryVariables as Variables,
} from '../../../gql/graphql';
import { toAppError, type AppError } from '../../../lib/errors';
import { ConsortiumDashboardQuery } from '../api/dashboard';

export type Dashboard = Result['consortiumDashboard'];

/**
 * The Cruscotto as the server computes it. An open page asks again every `refreshMs` with the
 * version it holds (`since`): the server answers "nothing changed" in a few bytes, or the new
 * figures when a report, a decision or an objective moved. New filters or another page of comuni
 * load at once.
 */
export function useConsortiumDashboard(variables: Omit<Variables, 'since'>, refreshMs: number) {
  const client = useClient();
  const [data, setData] = useState<Dashboard | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const version = useRef<string | null>(null);
  const key = JSON.stringify(variables);

  const load = useCallback(
    async (since: string | null) => {
      const result = await client
        .query(ConsortiumDashboardQuery, { ...variables, since }, { requestPolicy: 'network-only' })
        .toPromise();
      if (result.error) {
        setError(toAppError(result.error));
        return;
      }
      const answer = result.data!.consortiumDashboard;
      setError(null);
      if (!answer.changed) return;
      version.current = answer.version;
      setData(answer);
    },
    // `key` stands for the variables' content: a new object with the same values is the same load.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [client, key],
  );

  useEffect(() => {
    version.current = null;
    void load(null);
    const timer = window.setInterval(() => void load(version.current), refreshMs);
    return () => window.clearInterval(timer);
  }, [load, refreshMs]);

  return { data, error };
}
