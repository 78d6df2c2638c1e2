import type { ApolloServerPlugin } from '@apollo/server';
import type { OperationDefinitionNode } from 'graphql';
import { GraphqlContextValue, metrics, secondsSince } from '@rtd/kernel';

/**
 * The label of an operation in the metrics: its first root field (`updateAssignment`,
 * `complianceSummary`), a name the schema bounds, never the operation name the client chose
 * (which could make a label per request). Documents refused before that are `none`.
 */
export function operationLabel(operation: OperationDefinitionNode | undefined | null): string {
  const first = operation?.selectionSet.selections[0];
  if (!first) return 'none';
  return first.kind === 'Field' ? first.name.value : 'fragment';
}

/**
 * rtd_graphql_requests_total, rtd_graphql_errors_total and rtd_graphql_request_duration_seconds:
 * every request, from its start to its answer, by root field and type, with the code of each
 * error it answers (INTERNAL_SERVER_ERROR when an error has none).
 */
export const metricsPlugin: ApolloServerPlugin<GraphqlContextValue> = {
  async requestDidStart() {
    const start = performance.now();
    let operation = 'none';
    let type = 'none';
    return {
      async didResolveOperation(request) {
        operation = operationLabel(request.operation);
        type = request.operation?.operation ?? 'none';
      },
      async willSendResponse({ response }) {
        const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
        const codes = errors.map((error) => String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
        metrics.graphql(operation, type, secondsSince(start), codes);
      },
    };
  },
};
