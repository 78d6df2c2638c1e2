import type { ApolloServerPlugin } from '@apollo/server';
import { GraphqlContextValue } from '@rtd/kernel';

/**
 * Ends each request's transaction once the response is ready. Field errors do not roll the
 * request back: every write already ran in its own savepoint (RequestContext.atomically),
 * which rolled back alone if it failed.
 */
export const transactionPlugin: ApolloServerPlugin<GraphqlContextValue> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, response }) {
        if (!contextValue?.ctx) return;
        try {
          await contextValue.ctx.finish('commit');
        } catch {
          await contextValue.ctx.finish('rollback');
          if (response.body?.kind === 'single') {
            response.body.singleResult.data = null;
            response.body.singleResult.errors = [
              {
                message: 'Errore interno del servizio: operazione annullata',
                extensions: { code: 'INTERNAL_SERVER_ERROR' },
              },
            ];
          }
        }
      },
    };
  },
};
