import type { ApolloServerPlugin } from '@apollo/server';
import { GraphqlContextValue } from '@rtd/kernel';
import { checkQueryBudget, QueryBudget, DEFAULT_BUDGET } from './query-budget';

/** Refuses over-budget operations right after validation, before any resolver (or SQL) runs. */
export function queryBudgetPlugin(
  budget: QueryBudget = DEFAULT_BUDGET,
): ApolloServerPlugin<GraphqlContextValue> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (operation) checkQueryBudget(schema, document, operation, request.variables ?? {}, budget);
        },
      };
    },
  };
}
