import { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { echo } from '../text/italian-names';
import { SessionFinishedError } from '../database/db-session';
import { DomainError, ErrorCode } from './domain-error';
import { errorForLog, redactForLog } from './log-redaction';

/**
 * graphql-js ends some messages with suggestions ("Did you mean "fiscalCode"?", or an enum value):
 * they would list the schema's names to anyone who misspells one. They are cut from every message
 * (anonymous callers never get this far: the API's gate refuses them before parsing).
 */
export function withoutSuggestions(message: string): string {
  return message.replace(/ ?Did you mean .*?\?$/s, '');
}

/** graphql-js's refusal of a document over `parseOptions.maxTokens` ("that" in v16, "than" later). */
const TOO_MANY_TOKENS = /^Syntax Error: Document contains more th(?:at|an) (\d+) tokens/;

/** The parser's token bound as the contract's TOO_COMPLEX, in Italian; null for any other message. */
export function tooManyTokens(message: string): string | null {
  const match = TOO_MANY_TOKENS.exec(message);
  if (!match) return null;
  const max = Number(match[1]).toLocaleString('it-IT');
  return `Documento GraphQL troppo lungo: al massimo ${max} elementi (nomi, valori e segni di punteggiatura); dividere la richiesta in più operazioni`;
}

export interface ErrorSink {
  error(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

/** The longest message an answer carries: Apollo's own messages may repeat a whole variable. */
export const MAX_ERROR_MESSAGE = 500;

/** Refusals a person may cause by using the service: a warning at most, never a stack. */
const WARNED: ReadonlySet<string> = new Set<ErrorCode>(['FORBIDDEN', 'UNAUTHENTICATED']);

/**
 * The one place where exceptions become GraphQL errors, and the one place that logs them.
 * Refusals (domain errors, Apollo's parse and validation errors) keep their code and Italian
 * message and are logged at info or warn, one short line without stack nor variables; anything
 * unexpected is logged at error level with its stack (redacted, without SQL parameters) and
 * answered with a generic message, so internals (SQL, table names, another tenant's ids) never
 * reach the client.
 */
export function createErrorFormatter(log: ErrorSink) {
  const refused = (code: string, message: string, formatted: GraphQLFormattedError, field?: string) => {
    const line = {
      code,
      ...(field ? { field } : {}),
      path: formatted.path,
      reason: redactForLog(message, 200),
    };
    if (WARNED.has(code)) log.warn(line, 'GraphQL operation refused');
    else log.info(line, 'GraphQL operation refused');
  };
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof DomainError) {
      const message = echo(original.message, MAX_ERROR_MESSAGE);
      refused(original.code, message, formatted, original.field);
      return {
        message,
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code: original.code, ...(original.field ? { field: original.field } : {}) },
      };
    }
    if (original instanceof SessionFinishedError) {
      // The client went away and the request's transaction was rolled back while this field still
      // ran: nobody reads the answer, and pino-http logs the request as aborted (info). Not an error.
      return {
        message: 'Richiesta interrotta: la connessione del client si è chiusa',
        path: formatted.path,
        extensions: { code: 'SERVICE_UNAVAILABLE' },
      };
    }
    const code = formatted.extensions?.code;
    const tooLong = code === 'GRAPHQL_PARSE_FAILED' ? tooManyTokens(formatted.message) : null;
    if (tooLong !== null) {
      refused('TOO_COMPLEX', tooLong, formatted);
      return { message: tooLong, extensions: { code: 'TOO_COMPLEX' } };
    }
    if (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR') {
      // Apollo's own parse / validation / variable errors: their messages name the field, never
      // a field or value the caller did not write.
      const message = echo(withoutSuggestions(formatted.message), MAX_ERROR_MESSAGE);
      refused(code, message, formatted);
      return {
        message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code },
      };
    }
    log.error({ err: errorForLog(original) }, 'unexpected error while executing a GraphQL operation');
    return {
      message: 'Errore interno del servizio: riprovare più tardi',
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
