import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { echo } from '../text/italian-names';
import { SessionFinishedError } from '../database/db-session';
import { DomainError, ErrorCode } from './domain-error';
import { italianGraphqlMessage } from './graphql-messages';
import { errorForLog, redactForLog, sqlText } from './log-redaction';

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

/**
 * A PostgreSQL error that bad input caused (a value the column refuses, a constraint) and that no
 * check at the edge caught: the caller gets a refusal, the log the SQLSTATE and the statement
 * without its values; the driver's message is not logged, since it repeats the value (`invalid
 * input syntax for type uuid: "..."`). A row refused by row-level security means the
 * application allowed what the database did not: FORBIDDEN for the caller, an error for the
 * operator.
 */
interface DatabaseRefusal {
  code: ErrorCode;
  message: string;
  sqlState: string;
  query?: string;
  constraint?: string;
  /** The two walls disagree: the operator must look. */
  alarm: boolean;
}

function databaseRefusal(error: unknown): DatabaseRefusal | null {
  if (!(error instanceof Error)) return null;
  const failure = error as Error & {
    code?: unknown;
    query?: unknown;
    driverError?: { constraint?: unknown };
  };
  const sqlState = failure.code;
  // A statement run through queryPrepared carries its text in an object: the same net applies.
  const query = sqlText(failure.query);
  if (typeof sqlState !== 'string' || !/^[0-9A-Z]{5}$/.test(sqlState) || query === null) {
    return null;
  }
  const details = {
    sqlState,
    query: redactForLog(query, 500),
    ...(typeof failure.driverError?.constraint === 'string'
      ? { constraint: failure.driverError.constraint }
      : {}),
  };
  if (sqlState.startsWith('22')) {
    return {
      code: 'BAD_USER_INPUT',
      message: 'Valore non valido in un campo della richiesta',
      alarm: false,
      ...details,
    };
  }
  if (sqlState === '23505') {
    return { code: 'CONFLICT', message: 'Esiste già un elemento con questi dati', alarm: false, ...details };
  }
  if (sqlState.startsWith('23')) {
    return {
      code: 'BAD_USER_INPUT',
      message: 'Valore non ammesso: la richiesta viola un vincolo dei dati',
      alarm: false,
      ...details,
    };
  }
  if (sqlState === '42501' && /row-level security/.test(failure.message)) {
    return {
      code: 'FORBIDDEN',
      message: 'Operazione non consentita per il ruolo assegnato',
      alarm: true,
      ...details,
    };
  }
  return null;
}

/** An error Apollo raised before execution with a 4xx status but no code (persisted queries). */
function isRequestError(error: unknown): boolean {
  if (!(error instanceof GraphQLError) || error.extensions?.code !== undefined) return false;
  const status = (error.extensions?.http as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

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
    const given = formatted.extensions?.code;
    const tooLong = given === 'GRAPHQL_PARSE_FAILED' ? tooManyTokens(formatted.message) : null;
    if (tooLong !== null) {
      refused('TOO_COMPLEX', tooLong, formatted);
      return { message: tooLong, extensions: { code: 'TOO_COMPLEX' } };
    }
    const database = databaseRefusal(original);
    if (database) {
      const { code, message, alarm, ...details } = database;
      const line = { code, path: formatted.path, ...details };
      if (alarm) log.error(line, 'row-level security refused what the application allowed');
      else log.warn(line, 'bad input reached the database: check it at the edge');
      return { message, path: formatted.path, extensions: { code } };
    }
    const code = isRequestError(error) ? 'BAD_USER_INPUT' : given;
    if (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR') {
      // Apollo's own parse / validation / variable errors and the edge's checks: their messages
      // name the field, never a field or value the caller did not write; graphql-js's English
      // becomes Italian.
      const message = echo(italianGraphqlMessage(withoutSuggestions(formatted.message)), MAX_ERROR_MESSAGE);
      const field = typeof formatted.extensions?.field === 'string' ? formatted.extensions.field : undefined;
      refused(code, message, formatted, field);
      return {
        message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code, ...(field ? { field } : {}) },
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
