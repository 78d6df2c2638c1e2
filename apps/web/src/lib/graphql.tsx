import { Client, cacheExchange, fetchExchange, mapExchange, Provider } from 'urql';
import { useMemo, type ReactNode } from 'react';
import { useAuth } from './auth';

/**
 * The one GraphQL client (urql): POST only (the API refuses GET mutations and cross-site
 * requests), the access token on every request, and an expired session sent back to the login.
 */
export function GraphqlProvider({ children }: { children: ReactNode }) {
  const auth = useAuth();
  const { accessToken, sessionExpired } = auth;
  const client = useMemo(
    () =>
      new Client({
        url: '/graphql',
        preferGetMethod: false,
        requestPolicy: 'cache-and-network',
        fetchOptions: (): RequestInit => {
          const token = accessToken();
          const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
          return { headers };
        },
        exchanges: [
          mapExchange({
            onError(error) {
              const unauthenticated =
                error.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED') ||
                (error.response as Response | undefined)?.status === 401;
              if (unauthenticated) sessionExpired();
            },
          }),
          cacheExchange,
          fetchExchange,
        ],
      }),
    [accessToken, sessionExpired],
  );
  return <Provider value={client}>{children}</Provider>;
}
