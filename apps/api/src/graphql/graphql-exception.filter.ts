import { ArgumentsHost, Catch } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { GqlContextType } from '@nestjs/graphql';

/**
 * Hands GraphQL exceptions to Apollo untouched, so that formatError (createErrorFormatter) is
 * the one place that logs them. Without it, Nest's own handler logs every error thrown by a
 * resolver at error level with its stack, refusals included, and a QueryFailedError with its
 * SQL parameters. HTTP routes (health, the web app) keep Nest's default handling.
 */
@Catch()
export class GraphqlExceptionFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost) {
    if (host.getType<GqlContextType>() === 'graphql') {
      // A resolver's value that is an Error is raised by graphql-js as the field's error.
      return exception instanceof Error ? exception : new Error(String(exception));
    }
    return super.catch(exception, host);
  }
}
