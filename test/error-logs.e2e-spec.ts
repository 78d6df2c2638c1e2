import { RTD_A, tokenFor } from './support/identities';
import { RunningApi, startApiProcess } from './support/processes';
import { createTestDatabase, TestDatabase } from './support/test-database';

/** The longest log line a refusal may give (the issue saw 271 KB for one NOT_FOUND). */
const MAX_REFUSAL_LINE = 2_000;

/** Refusals in the logs of the real API process (issue 12, point 6). */
describe('Error logs', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let port: number;

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApiProcess(db.config);
    port = api.port;
  });
  afterAll(async () => {
    await api.stop();
    await db.drop();
  });

  async function call(requestId: string, query: string, variables: Record<string, unknown>) {
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-request-id': requestId,
        authorization: `Bearer ${await tokenFor(RTD_A)}`,
      },
      body: JSON.stringify({ query, variables }),
    });
    const text = await response.text();
    return {
      // The API's own id for the request (the caller's X-Request-Id is logged apart, clientRequestId).
      requestId: response.headers.get('x-request-id') ?? '',
      text,
      body: JSON.parse(text) as { errors?: { message: string; extensions: { code: string } }[] },
    };
  }

  /** The request's log lines, once the line of its completed response has been written. */
  async function linesOf(requestId: string): Promise<string[]> {
    await api.waitForOutput(new RegExp(`"requestId":"${requestId}".*"msg":"request completed"`));
    return api
      .output()
      .split('\n')
      .filter((line) => line.includes(`"requestId":"${requestId}"`));
  }

  function expectShortRefusal(lines: string[], code: string) {
    const refusal = lines.map((line) => JSON.parse(line)).find((entry) => entry.code === code);
    expect(refusal).toMatchObject({ msg: 'GraphQL operation refused', code });
    expect([30, 40]).toContain(refusal.level); // info or warn
    expect(refusal).not.toHaveProperty('err');
    expect(refusal.reason).toMatch(/x…/);
    for (const line of lines) {
      expect(line.length).toBeLessThan(MAX_REFUSAL_LINE);
      expect(JSON.parse(line).level).toBeLessThan(50); // nothing at error level
      expect(line).not.toMatch(/"stack"|\\n\s+at /);
      expect(line).not.toContain(RTD_A);
      expect(line).not.toContain('x'.repeat(100));
    }
  }

  it('answers and logs a NOT_FOUND for a 90,000-character edition in a few hundred characters', async () => {
    const { text, body, requestId } = await call(
      'logs-not-found',
      'query($e: String!) { planLines(edition: $e) { totalCount } }',
      { e: 'x'.repeat(90_000) },
    );
    expect(body.errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect(body.errors?.[0].message).toBe(`Edizione «${'x'.repeat(80)}…» non trovata o non accessibile`);
    expect(text.length).toBeLessThan(1_000);
    expectShortRefusal(await linesOf(requestId), 'NOT_FOUND');
  });

  it('answers and logs a BAD_USER_INPUT for a 90,000-character edition in a few hundred characters', async () => {
    const consortia = await call('logs-consortia', '{ consortia { id name } }', {});
    const consortiumId = (consortia.body as { data: { consortia: { id: string }[] } }).data.consortia[0].id;
    const { text, body, requestId } = await call(
      'logs-bad-input',
      'query($c: ID!, $e: String) { targetPreview(consortiumId: $c, target: { all: true }, edition: $e) { count } }',
      { c: consortiumId, e: 'x'.repeat(90_000) },
    );
    expect(body.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0].message.length).toBeLessThan(200);
    expect(text.length).toBeLessThan(1_000);
    expectShortRefusal(await linesOf(requestId), 'BAD_USER_INPUT');
  });
});
