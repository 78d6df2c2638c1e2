import type { ApolloServerPlugin } from '@apollo/server';
import { GraphqlContextValue } from '@rtd/kernel';

/** The HTTP status of a refused operation, by `extensions.code`. */
export const REFUSAL_STATUS: Readonly<Record<string, number>> = {
  BAD_USER_INPUT: 400,
  TOO_COMPLEX: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  // The gate's request limits answer before GraphQL; a resolver's (the exports' queue) answers here.
  RATE_LIMITED: 429,
};

/**
 * An operation refused as a whole answers 4xx, not 200: when every error is a refusal (bad
 * input, forbidden, not found, conflict...) and no root field returned anything, the status is
 * the first refusal's. A response carrying data (one field refused among others that answered)
 * stays 200, as GraphQL over HTTP wants for partial results; refusals before execution (parse,
 * validation, variables, budget, NUL) already carry their 4xx.
 */
export const refusalStatusPlugin: ApolloServerPlugin<GraphqlContextValue> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single' || response.http.status !== undefined) return;
        const { data, errors } = response.body.singleResult;
        if (!errors?.length) return;
        const statuses = errors.map((error) => REFUSAL_STATUS[String(error.extensions?.code)]);
        if (statuses.some((status) => status === undefined)) return;
        const answered = data && Object.values(data).some((value) => value !== null && value !== undefined);
        if (!answered) response.http.status = statuses[0];
      },
    };
  },
};
