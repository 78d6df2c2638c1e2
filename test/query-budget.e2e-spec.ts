import { createHash } from 'node:crypto';
import request from 'supertest';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner.js';
import { RTD_A, tokenFor, VIEWER_CREMA } from './support/identities';
import { demoIds } from './support/scenario';
import { errorCodes, startTestApi, TestApi } from './support/test-app';

describe('Query budget', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  /** Runs `query` and counts the SQL statements it caused. */
  async function measured(query: string, variables?: Record<string, unknown>, who = RTD_A) {
    const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query');
    try {
      const res = await api.as(who).graphql(query, variables);
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

  it('costs variables with their default values, and answers TOO_COMPLEX with HTTP 400 (issue 12, points 1 and 5)', async () => {
    const { consortiumA } = await demoIds(api);
    const nested = `assignments(filter: { consortiumId: "${consortiumA}" }, first: $a) { edges { node {
      objective { consortium { comuni(first: $b) { edges { node { id name } } } } } } } }`;
    const defaults = await measured(`query($a: Int = 500, $b: Int = 500) { ${nested} }`);
    expect(errorCodes(defaults.res)).toEqual(['TOO_COMPLEX']);
    expect(defaults.res.status).toBe(400);
    expect(defaults.res.errors?.[0].message).toMatch(/^Richiesta troppo complessa/);
    expect(defaults.statements).toBe(0);
    const literal = await measured(`query { ${nested.replace('$a', '500').replace('$b', '500')} }`);
    expect(errorCodes(literal.res)).toEqual(['TOO_COMPLEX']);
    expect(literal.res.status).toBe(400);

    // A viewer, through the consortia it may see.
    const viewer = await measured(
      `query($a: Int = 500, $b: Int = 500) { consortia { comuni(first: $a) { edges { node {
        consortium { comuni(first: $b) { edges { node { id name } } } } } } } } }`,
      undefined,
      VIEWER_CREMA,
    );
    expect(errorCodes(viewer.res)).toEqual(['TOO_COMPLEX']);
    expect(viewer.res.status).toBe(400);
    expect(viewer.statements).toBe(0);
  });

  it('costs lists without "first" by their real bound (history, evidence, lines)', async () => {
    const { res, statements } = await measured(`{ assignments(filter: {}, first: 500) { edges { node {
      history { at note } evidence { id url } objective { lines { code } } } } } }`);
    expect(errorCodes(res)).toEqual(['TOO_COMPLEX']);
    expect(res.status).toBe(400);
    expect(statements).toBe(0);
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
    expect((await post({ query, extensions: persisted })).body.data.planEditions).toHaveLength(4);
    expect((await post({ extensions: persisted })).body.data.planEditions).toHaveLength(4);
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
