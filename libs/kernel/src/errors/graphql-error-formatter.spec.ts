import { GraphQLError, parse } from 'graphql';
import { badInput, feminine, forbidden, notFound } from './domain-error';
import { createErrorFormatter, ErrorSink, withoutSuggestions } from './graphql-error-formatter';
import { SessionFinishedError } from '../database/db-session';
import { echo } from '../text/italian-names';

type Level = keyof ErrorSink;

function recorder() {
  const lines: { level: Level; obj: Record<string, unknown>; msg: string }[] = [];
  const sink = {} as ErrorSink;
  for (const level of ['error', 'warn', 'info'] as const)
    sink[level] = (obj, msg) => lines.push({ level, obj: obj as Record<string, unknown>, msg });
  return { lines, format: createErrorFormatter(sink) };
}

/** What Apollo hands formatError for an error thrown by a resolver. */
function thrown(error: Error) {
  const wrapped = new GraphQLError(error.message, { originalError: error, path: ['planLines'] });
  return [{ message: wrapped.message, path: ['planLines'] }, wrapped] as const;
}

describe('createErrorFormatter', () => {
  it('logs a refusal at info, without stack, capped', () => {
    const { lines, format } = recorder();
    const answer = format(...thrown(notFound(feminine(`Edizione «${echo('x'.repeat(90_000))}»`))));
    expect(answer).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    expect(answer.message.length).toBeLessThan(150);
    expect(lines).toHaveLength(1);
    expect(lines[0].level).toBe('info');
    expect(lines[0].obj).toMatchObject({ code: 'NOT_FOUND', path: ['planLines'] });
    expect(JSON.stringify(lines[0]).length).toBeLessThan(1_000);
    expect(JSON.stringify(lines[0])).not.toMatch(/stack|    at /);
  });

  it('logs FORBIDDEN at warn, and bad input with its field', () => {
    const { lines, format } = recorder();
    format(...thrown(forbidden()));
    format(...thrown(badInput('edition', 'inesistente')));
    expect(lines.map((line) => [line.level, line.obj.code])).toEqual([
      ['warn', 'FORBIDDEN'],
      ['info', 'BAD_USER_INPUT'],
    ]);
    expect(lines[1].obj.field).toBe('edition');
  });

  it('caps and logs at info the messages of Apollo, which may repeat a whole variable', () => {
    const { lines, format } = recorder();
    const message = `Variable "$edition" got invalid value "${'x'.repeat(90_000)}"`;
    const answer = format({ message, extensions: { code: 'BAD_USER_INPUT' } }, new GraphQLError(message));
    expect(answer.message.length).toBeLessThanOrEqual(501);
    expect(lines[0].level).toBe('info');
    expect(JSON.stringify(lines[0]).length).toBeLessThan(1_000);
  });

  it('logs an unexpected error at error level with its stack, without parameters nor personal data', () => {
    const { lines, format } = recorder();
    const failure = Object.assign(new Error('violates unique constraint for FRRGLI75C52D142B'), {
      name: 'QueryFailedError',
      query: 'INSERT INTO person (fiscal_code) VALUES ($1)',
      parameters: ['FRRGLI75C52D142B', 'giulia.ferrari@example.it'],
    });
    const answer = format(...thrown(failure));
    expect(answer).toMatchObject({ extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(lines).toHaveLength(1);
    expect(lines[0].level).toBe('error');
    expect((lines[0].obj.err as Record<string, string>).stack).toContain('violates unique constraint');
    expect(JSON.stringify(lines[0])).not.toMatch(/FRRGLI75C52D142B|giulia|parameters/);
  });

  it("answers the parser's token bound as TOO_COMPLEX, in Italian, naming the bound", () => {
    const { lines, format } = recorder();
    let parseError: GraphQLError | undefined;
    try {
      parse('{ a b c d e f }', { maxTokens: 3 });
    } catch (error) {
      parseError = error as GraphQLError;
    }
    const answer = format(
      { message: parseError!.message, extensions: { code: 'GRAPHQL_PARSE_FAILED' } },
      parseError,
    );
    expect(answer).toEqual({
      message: expect.stringMatching(/^Documento GraphQL troppo lungo: al massimo 3 elementi/),
      extensions: { code: 'TOO_COMPLEX' },
    });
    expect(lines.map((line) => [line.level, line.obj.code])).toEqual([['info', 'TOO_COMPLEX']]);
    // Any other syntax error keeps Apollo's code.
    expect(
      format(
        { message: 'Syntax Error: Expected Name, found "}".', extensions: { code: 'GRAPHQL_PARSE_FAILED' } },
        new GraphQLError('x'),
      ).extensions?.code,
    ).toBe('GRAPHQL_PARSE_FAILED');
  });
});

describe('createErrorFormatter and aborted requests', () => {
  it('logs nothing for a field that ran on after its client went away', () => {
    const { lines, format } = recorder();
    const answer = format(...thrown(new SessionFinishedError()));
    expect(answer.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE' });
    expect(answer.message).not.toContain('DbSession');
    expect(lines).toEqual([]);
  });
});

describe('createErrorFormatter, bad input (issue 12, point 5)', () => {
  it('answers a value PostgreSQL refused with BAD_USER_INPUT, logging neither the value nor the parameters', () => {
    const { lines, format } = recorder();
    const failure = Object.assign(new Error('invalid input syntax for type uuid: "FRRGLI75C52D142B"'), {
      name: 'QueryFailedError',
      code: '22P02',
      query: 'SELECT 1 FROM person WHERE id = $1',
      parameters: ['FRRGLI75C52D142B'],
    });
    const answer = format(...thrown(failure));
    expect(answer).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(answer.message).toMatch(/^Valore non valido/);
    expect(lines).toEqual([expect.objectContaining({ level: 'warn' })]);
    expect(lines[0].obj).toMatchObject({ sqlState: '22P02', query: 'SELECT 1 FROM person WHERE id = $1' });
    expect(JSON.stringify(lines)).not.toMatch(/FRRGLI75C52D142B|parameters|stack/);
  });

  it('applies the same net to a named prepared statement, whose text comes in an object (issue 26, point 5)', () => {
    const { lines, format } = recorder();
    const text = 'UPDATE assignment SET status = $3 WHERE id = $1 AND version = $2';
    const failure = Object.assign(new Error('value "99999999999" is out of range for type integer'), {
      name: 'QueryFailedError',
      code: '22003',
      // A driver's error may carry the statement as node-postgres took it ({ name, text }).
      query: { name: 'rtd_0123456789abcdef01234567', text },
      parameters: ['x', 99_999_999_999],
    });
    const answer = format(...thrown(failure));
    expect(answer).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(lines).toEqual([expect.objectContaining({ level: 'warn' })]);
    expect(lines[0].obj).toMatchObject({ sqlState: '22003', query: text });
    expect(JSON.stringify(lines)).not.toMatch(/99999999999|parameters|stack/);
  });

  it('logs the text of a named prepared statement that failed unexpectedly, not its values', () => {
    const { lines, format } = recorder();
    const failure = Object.assign(new Error('deadlock detected'), {
      name: 'QueryFailedError',
      code: '40P01',
      query: { name: 'rtd_0123456789abcdef01234567', text: 'SELECT 1' },
      parameters: ['FRRGLI75C52D142B'],
    });
    expect(format(...thrown(failure))).toMatchObject({ extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(lines[0].obj.err).toMatchObject({ query: 'SELECT 1', code: '40P01' });
    expect(JSON.stringify(lines)).not.toMatch(/FRRGLI75C52D142B/);
  });

  it('answers a row refused by row-level security with FORBIDDEN, and alerts the operator', () => {
    const { lines, format } = recorder();
    const failure = Object.assign(
      new Error('new row violates row-level security policy for table "machine_client"'),
      {
        name: 'QueryFailedError',
        code: '42501',
        query: 'INSERT INTO machine_client (client_id) VALUES ($1)',
      },
    );
    expect(format(...thrown(failure))).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    expect(lines[0].level).toBe('error');
  });

  it("answers Apollo's persisted-query refusals, which carry no code, with BAD_USER_INPUT in Italian", () => {
    const { format } = recorder();
    const error = new GraphQLError('provided sha does not match query', {
      extensions: { http: { status: 400 } },
    });
    const answer = format({ message: error.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, error);
    expect(answer).toEqual({
      message: 'Query persistita: sha256Hash non corrisponde al testo della query',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it("translates graphql-js's variable errors and keeps the field of the edge's refusals", () => {
    const { format } = recorder();
    const message =
      'Variable "$d" got invalid value "2027-02-30"; Data inesistente: il giorno 2027-02-30 non esiste nel calendario';
    expect(
      format({ message, extensions: { code: 'BAD_USER_INPUT' } }, new GraphQLError(message)).message,
    ).toBe('Variabile "$d": Data inesistente: il giorno 2027-02-30 non esiste nel calendario');
    const nul = new GraphQLError('Campo "input.title": NUL', {
      extensions: { code: 'BAD_USER_INPUT', field: 'input.title' },
    });
    expect(format({ message: nul.message, extensions: nul.extensions }, nul).extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.title',
    });
  });
});

describe('withoutSuggestions', () => {
  it.each([
    [
      'Cannot query field "fiscalCod" on type "Person". Did you mean "fiscalCode"?',
      'Cannot query field "fiscalCod" on type "Person".',
    ],
    [
      'Value "REFERENT" does not exist in "Role" enum. Did you mean the enum value "COMUNE_REFERENT" or "COMUNE_DELEGATE"?',
      'Value "REFERENT" does not exist in "Role" enum.',
    ],
    ['Cannot query field "nothing" on type "Query".', 'Cannot query field "nothing" on type "Query".'],
  ])('%s', (message, expected) => {
    expect(withoutSuggestions(message)).toBe(expected);
  });

  it('is applied to the validation errors the formatter answers', () => {
    const { format } = recorder();
    const formatted = format(
      {
        message: 'Cannot query field "mee" on type "Query". Did you mean "me"?',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      },
      new Error('validation'),
    );
    expect(formatted).toEqual({
      message: 'Il campo "mee" non esiste nel tipo «Query»',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });
});
