import { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { DomainError } from './domain-error';

/**
 * graphql-js ends some messages with suggestions ("Did you mean "fiscalCode"?", or an enum value):
 * they would list the schema's names to anyone who misspells one, anonymous callers included,
 * since validation runs before authentication. They are cut from every message.
 */
export function withoutSuggestions(message: string): string {
  return message.replace(/ ?Did you mean .*?\?$/s, '');
}

export interface ErrorSink {
  error(obj: object, msg: string): void;
}

/**
 * The one place where exceptions become GraphQL errors. Domain errors keep their code and
 * Italian message; anything unexpected is logged with its stack and answered with a generic
 * message, so internals (SQL, table names, another tenant's ids) never reach the client.
 */
export function createErrorFormatter(log: ErrorSink) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof DomainError) {
      return {
        message: original.message,
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code: original.code, ...(original.field ? { field: original.field } : {}) },
      };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR') {
      // Apollo's own parse / validation / variable errors: their messages name the field, never
      // a field or value the caller did not write.
      return {
        message: withoutSuggestions(formatted.message),
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code },
      };
    }
    log.error({ err: original }, 'unexpected error while executing a GraphQL operation');
    return {
      message: 'Errore interno del servizio: riprovare più tardi',
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
