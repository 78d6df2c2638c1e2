import { createHash } from 'node:crypto';
import request from 'supertest';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner.js';
import { RTD_A, tokenFor } from './support/identities';
import { errorCodes, startTestApi, TestApi } from './support/test-app';

describe('Query budget', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  /** Runs `query` and counts the SQL statements it caused. */
  async function measured(query: string, variables?: Record<string, unknown>) {
    const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query');
    try {
      const res = await api.as(RTD_A).graphql(query, variables);
      return { res, statements: spy.mock.calls.length };
    } finally {
      spy.mockRestore();
    }
  }

  it('refuses a query of depth 20 before touching the database', async () => {
    let nested = 'id';
    for (let i = 0; i < 10; i++) nested = `consortium { comuni(first: 1) { edges { node { ${nested} } } } }`;
    const { res, statements } = await measured(`{ comuneByIstatCode(istatCode: "019035") { ${nested} } }`);
    expect(errorCodes(res)).toEqual(['TOO_COMPLEX']);
    expect(res.data).toBeNull();
    expect(statements).toBe(0);
  });

  it('refuses first: 10000, in a literal or a variable', async () => {
    const literal = await measured(`{ planLines(edition: "2022-2024", first: 10000) { totalCount } }`);
    expect(errorCodes(literal.res)).toEqual(['TOO_COMPLEX']);
    expect(literal.statements).toBe(0);
    const variable = await measured(
      `query($n: Int) { planLines(edition: "2022-2024", first: $n) { totalCount } }`,
      { n: 10000 },
    );
    expect(errorCodes(variable.res)).toEqual(['TOO_COMPLEX']);
  });

  it('refuses 1,000 aliases and a list of lists over the complexity budget', async () => {
    const aliases = Array.from({ length: 1000 }, (_, i) => `a${i}: planEditions { code }`).join(' ');
    const { res, statements } = await measured(`{ ${aliases} }`);
    expect(errorCodes(res)).toEqual(['TOO_COMPLEX']);
    expect(statements).toBe(0);
    const wide = await measured(`{ consortia { comuni(first: 500) { edges { node { consortium {
      comuni(first: 500) { edges { node { name } } } } } } } } }`);
    expect(errorCodes(wide.res)).toEqual(['TOO_COMPLEX']);
  });

  it('accepts an ordinary dashboard query', async () => {
    const { res } = await measured(
      `{ consortia { name comuni(first: 50) { totalCount edges { node { name population } } } } }`,
    );
    expect(res.errors).toBeUndefined();
  });

  it('refuses batched operations and supports automatic persisted queries', async () => {
    const token = await tokenFor(RTD_A);
    const post = (body: unknown) =>
      request(api.app.getHttpServer())
        .post('/graphql')
        .set({
          'content-type': 'application/json',
          'apollo-require-preflight': 'true',
          authorization: `Bearer ${token}`,
        })
        .send(body as object);
    const batch = await post([
      { query: '{ planEditions { code } }' },
      { query: '{ planEditions { code } }' },
    ]);
    expect(batch.status).toBe(400);

    const query = '{ planEditions { code } }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const persisted = { persistedQuery: { version: 1, sha256Hash } };
    const unknown = await post({ extensions: persisted });
    expect(unknown.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await post({ query, extensions: persisted })).body.data.planEditions).toHaveLength(3);
    expect((await post({ extensions: persisted })).body.data.planEditions).toHaveLength(3);
  });
});

describe('Production mode', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ nodeEnv: 'production' });
  });
  afterAll(() => api.close());

  it('turns introspection and the sandbox off', async () => {
    const res = await api.as(RTD_A).graphql(`{ __schema { types { name } } }`);
    expect(res.errors?.[0].message).toMatch(/introspection/i);
    const page = await request(api.app.getHttpServer()).get('/graphql').set('accept', 'text/html');
    expect(page.text ?? '').not.toMatch(/sandbox|embeddable/i);
  });
});
