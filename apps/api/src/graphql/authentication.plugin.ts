import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { GraphqlContextValue } from '@rtd/kernel';

/**
 * Refuses every operation of a caller without a valid token before any resolver runs (and so
 * before the database is touched). The reason stays in the logs: the answer is the same for a
 * missing, expired, tampered or foreign token. The gate in front of Apollo
 * (http/graphql-gate.middleware.ts) already refuses such callers before parsing; this is the
 * second line, should Apollo ever be reached another way.
 */
export function authenticationPlugin(
  log: (reason: string, requestId: string) => void,
): ApolloServerPlugin<GraphqlContextValue> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue }) {
          const failure = contextValue.ctx.authenticationFailure;
          if (failure === null) return;
          log(failure, contextValue.ctx.requestId);
          throw new GraphQLError(
            'Autenticazione richiesta: token di accesso mancante, scaduto o non valido',
            {
              extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
            },
          );
        },
      };
    },
  };
}
