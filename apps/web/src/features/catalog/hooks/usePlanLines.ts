import { useCallback, useEffect, useRef, useState } from 'react';
import { useClient } from 'urql';
import type { CatalogLinesQuery as Result } from '../../../gql/graphql';
import { toAppError, type AppError } from '../../../lib/errors';
import { CatalogLinesQuery } from '../api/catalog';

export type PlanLineItem = Result['planLines']['edges'][number]['node'];

interface State {
  key: string;
  items: PlanLineItem[];
  total: number;
  endCursor: string | null;
  hasNextPage: boolean;
  fetching: boolean;
  loaded: boolean;
  error: AppError | null;
}

export interface PlanLinesQuery {
  edition: string | null;
  chapter: number | null;
  search: string;
  /** Lines per page; a larger first page when the screen filters by objective itself. */
  pageSize: number;
}

/**
 * The lines matching the filters, a page at a time: "Mostra altre" appends the next page
 * (the API pages by chapter and code with an opaque cursor). New filters start over.
 */
export function usePlanLines(query: PlanLinesQuery) {
  const client = useClient();
  const key = JSON.stringify({
    edition: query.edition,
    chapter: query.chapter,
    search: query.search,
    pageSize: query.pageSize,
  });
  const current = useRef(key);
  const [state, setState] = useState<State>({
    key,
    items: [],
    total: 0,
    endCursor: null,
    hasNextPage: false,
    fetching: false,
    loaded: false,
    error: null,
  });

  const { edition, chapter, search, pageSize } = query;
  const load = useCallback(
    async (after: string | null) => {
      const requested = JSON.stringify({ edition, chapter, search, pageSize });
      if (!edition) return;
      setState((s) =>
        after === null
          ? {
              key: requested,
              items: [],
              total: 0,
              endCursor: null,
              hasNextPage: false,
              fetching: true,
              loaded: false,
              error: null,
            }
          : { ...s, fetching: true, error: null },
      );
      const result = await client
        .query(
          CatalogLinesQuery,
          {
            edition,
            chapter,
            search: search.trim() || null,
            first: pageSize,
            after,
          },
          { requestPolicy: 'network-only' },
        )
        .toPromise();
      // A slower answer to older filters must not overwrite the newer one.
      if (current.current !== requested) return;
      const page = result.data?.planLines;
      setState((s) => ({
        key: requested,
        items: page ? [...(after === null ? [] : s.items), ...page.edges.map((e) => e.node)] : s.items,
        total: page?.totalCount ?? s.total,
        endCursor: page?.pageInfo.endCursor ?? s.endCursor,
        hasNextPage: page?.pageInfo.hasNextPage ?? s.hasNextPage,
        fetching: false,
        loaded: true,
        error: toAppError(result.error),
      }));
    },
    [client, edition, chapter, search, pageSize],
  );

  useEffect(() => {
    current.current = key;
    void load(null);
  }, [key, load]);

  const more = useCallback(() => {
    if (state.endCursor) void load(state.endCursor);
  }, [load, state.endCursor]);

  return { ...state, stale: state.key !== key, more };
}
