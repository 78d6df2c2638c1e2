import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloDriverConfig } from '@nestjs/apollo';
import type { Request, Response } from 'express';
import { Logger } from 'nestjs-pino';
import { answerPrefetched, AppConfig, createErrorFormatter, GraphqlContextValue } from '@rtd/kernel';
import { RequestContextFactory } from './request-context.factory';
import { authenticationPlugin } from './authentication.plugin';
import { inputGuardPlugin } from './input-guard.plugin';
import { metricsPlugin } from './metrics.plugin';
import { queryBudgetPlugin } from './query-budget.plugin';
import { refusalStatusPlugin } from './refusal-status.plugin';
import { transactionPlugin } from './transaction.plugin';

export function graphqlOptions(
  config: AppConfig,
  contexts: RequestContextFactory,
  logger: Logger,
): ApolloDriverConfig {
  const production = config.nodeEnv === 'production';
  return {
    path: '/graphql',
    // The committed schema.gql is written by `npm run schema:print`; at run time the schema lives in memory.
    autoSchemaFile: config.graphqlSchemaFile ?? true,
    sortSchema: true,
    // A list read in one statement answers its rows' relations without a resolver per row.
    transformSchema: answerPrefetched,
    introspection: !production,
    // No "Did you mean ..." in validation errors (the error formatter strips any other suggestion).
    hideSchemaDetailsFromClientErrors: true,
    graphiql: false,
    // A document is cut off after this many tokens, before it costs more to parse and validate
    // (TOO_COMPLEX, see createErrorFormatter); the web app's largest operation has about 100.
    parseOptions: { maxTokens: config.graphqlMaxTokens },
    playground: false,
    // Nest resets to 200 every response that ran; refusalStatusPlugin gives an operation refused
    // as a whole its 4xx instead (partial answers stay 200).
    preserveHttpStatusForExecutionErrors: false,
    // Apollo ships CJS and ESM typings; Nest and we may see different copies of the same type.
    plugins: [
      // First, so that its time covers the others' work too.
      metricsPlugin,
      authenticationPlugin((reason, requestId) => logger.log({ requestId, reason }, 'token refused')),
      inputGuardPlugin(),
      queryBudgetPlugin(),
      transactionPlugin,
      refusalStatusPlugin,
      // No cache hints: every answer is the caller's own (Cache-Control: no-store, securityHeaders).
      // Apollo's cache-control plugin would otherwise wrap every field's resolver to collect them,
      // about a sixth of the allocations of a 100-row worklist (docs/benchmarks.md).
      ApolloServerPluginCacheControlDisabled(),
      // No sandbox page (nor introspection) in production.
      ...(production ? [ApolloServerPluginLandingPageDisabled()] : []),
    ] as NonNullable<ApolloDriverConfig['plugins']>,
    // nestjs-pino reads a last string argument as the context, so the message goes before it.
    formatError: createErrorFormatter({
      error: (obj, msg) => logger.error(obj, msg, 'GraphQL'),
      warn: (obj, msg) => logger.warn(obj, msg, 'GraphQL'),
      info: (obj, msg) => logger.log(obj, msg, 'GraphQL'),
    }),
    context: async ({ req, res }: { req: Request; res: Response }): Promise<GraphqlContextValue> => {
      const ctx = await contexts.create(req);
      // Safety net: a request that dies before Apollo answers must still give its connection back.
      // A client that goes away mid-request (res closes before the answer) rolls it back here;
      // its resolvers still running then end with SessionFinishedError, which is not logged.
      // The gate's checks are asynchronous: the client may already have gone when we get here.
      const rollback = () =>
        ctx
          .finish('rollback')
          .catch((error: unknown) =>
            logger.warn(
              { requestId: ctx.requestId, reason: error instanceof Error ? error.message : String(error) },
              'rollback after the connection closed failed',
              'GraphQL',
            ),
          );
      if (res.closed || res.destroyed) void rollback();
      else res.once('close', () => void rollback());
      return { ctx };
    },
  };
}
