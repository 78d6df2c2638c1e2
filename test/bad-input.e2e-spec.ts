import { createHash } from 'node:crypto';
import request from 'supertest';
import { PORTAL_LOMBARDIA, RTD_A, tokenFor } from './support/identities';
import { demoIds, DemoIds } from './support/scenario';
import { errorCodes, GraphqlResponse, startTestApi, TestApi } from './support/test-app';

const cursor = (key: unknown[]) => Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');

/** Wrong input answers a 4xx refusal in Italian, never INTERNAL_SERVER_ERROR (issue 12, point 5). */
describe('Bad input', () => {
  let api: TestApi;
  let ids: DemoIds;

  beforeAll(async () => {
    api = await startTestApi();
    ids = await demoIds(api);
  });
  afterAll(() => api.close());

  const rtd = () => api.as(RTD_A);

  function expectRefusal(res: GraphqlResponse, code: string, status: number, field?: string) {
    expect(errorCodes(res)).toEqual([code]);
    expect(res.status).toBe(status);
    const [error] = res.errors!;
    if (field) expect(error.extensions?.field).toBe(field);
    expect(error.message).not.toMatch(/Variable|got invalid value|cannot represent|Expected|provided sha/);
  }

  it('refuses a lone UTF-16 surrogate at the edge, naming the field (found by the fuzzer in grantRole)', async () => {
    const res = await rtd().graphql(`mutation($input: GrantRoleInput!) { grantRole(input: $input) { id } }`, {
      input: {
        consortiumId: ids.consortiumA,
        comuneId: ids.crema,
        role: 'COMUNE_VIEWER',
        fiscalCode: 'VLLFNC90M48F205H',
        givenName: 'Francesca',
        familyName: 'Villa',
        email: '\ud800',
      },
    });
    expectRefusal(res, 'BAD_USER_INPUT', 400, 'email');
  });

  it('refuses NUL bytes at the edge, naming the field, in variables and in literals', async () => {
    const search = await rtd().graphql(
      `query($t: String) { planLines(edition: "2022-2024", search: $t) { totalCount } }`,
      { t: 'a\u0000b' },
    );
    expectRefusal(search, 'BAD_USER_INPUT', 400, 'search');
    expect(search.errors![0].message).toMatch(/^Campo "search": .*carattere nullo/);
    const nested = await rtd().graphql(
      `mutation($input: CreateSharedObjectiveInput!) { createSharedObjective(input: $input) { id } }`,
      {
        input: {
          consortiumId: ids.consortiumA,
          title: 'Titolo\u0000',
          edition: '2022-2024',
          lineCodes: ['CAP1.PA.LA20'],
          target: { all: true },
        },
      },
    );
    expectRefusal(nested, 'BAD_USER_INPUT', 400, 'title');
    const literal = await rtd().graphql(
      `{ auditLog(consortiumId: "${ids.consortiumA}", actor: "a\\u0000b") { totalCount } }`,
    );
    expectRefusal(literal, 'BAD_USER_INPUT', 400, 'actor');
  });

  it('refuses forged cursors with BAD_USER_INPUT on "after"', async () => {
    const forged: [string, unknown[]][] = [
      [`{ planLines(edition: "2022-2024", after: $c) { totalCount } }`, [1.5, 'x']],
      [`{ assignments(filter: {}, after: $c) { totalCount } }`, ['x', 'y']],
      [`{ assignments(filter: {}, after: $c) { totalCount } }`, ['2027-02-30', ids.crema]],
      [`{ sharedObjectives(consortiumId: "${ids.consortiumA}", after: $c) { totalCount } }`, ['ieri', 'x']],
      [`{ consortium(id: "${ids.consortiumA}") { comuni(after: $c) { totalCount } } }`, ['a\u0000', 'b']],
    ];
    for (const [query, key] of forged) {
      const res = await rtd().graphql(`query($c: String) ${query}`, { c: cursor(key) });
      expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
      expect(res.errors![0].extensions?.field).toBe('after');
      // The whole operation was refused: a 4xx (partial answers with data stay 200).
      if (!query.includes('consortium(')) expect(res.status).toBe(400);
    }
  });

  it('refuses a persisted query whose hash does not match, with an Italian BAD_USER_INPUT', async () => {
    const res = await request(api.app.getHttpServer())
      .post('/graphql')
      .set({
        'content-type': 'application/json',
        'apollo-require-preflight': 'true',
        authorization: `Bearer ${await tokenFor(RTD_A)}`,
      })
      .send({
        query: '{ planEditions { code } }',
        extensions: {
          persistedQuery: { version: 1, sha256Hash: createHash('sha256').update('other').digest('hex') },
        },
      });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(res.body.errors[0].message).toMatch(/^Query persistita/);
  });

  it('says an impossible date does not exist, in Italian, with a 400', async () => {
    const scope = { consortiumId: ids.consortiumA };
    const query = `query($from: Date!, $to: Date!, $scope: ComplianceScope!) {
      complianceTrend(from: $from, to: $to, scope: $scope) { day } }`;
    const impossible = await rtd().graphql(query, { from: '2027-02-30', to: '2027-03-01', scope });
    expectRefusal(impossible, 'BAD_USER_INPUT', 400);
    expect(impossible.errors![0].message).toBe(
      'Variabile "$from": Data inesistente: il giorno 2027-02-30 non esiste nel calendario',
    );
    const shapeless = await rtd().graphql(query, { from: '30/02/2027', to: '2027-03-01', scope });
    expect(shapeless.errors![0].message).toMatch(
      /^Variabile "\$from": Data non valida: atteso il formato AAAA-MM-GG/,
    );
    const literal = await rtd().graphql(
      `{ complianceTrend(from: "2027-02-30", to: "2027-03-01", scope: { consortiumId: "${ids.consortiumA}" }) { day } }`,
    );
    expect(literal.status).toBe(400);
    expect(literal.errors![0].message).toMatch(/^Data inesistente/);
  });

  it("refuses an RTD office granting a role to a machine client with FORBIDDEN (the operator's task)", async () => {
    const res = await rtd().graphql(
      `mutation($c: ID!) { grantRole(input: { clientId: "${PORTAL_LOMBARDIA}", role: AUDITOR, consortiumId: $c }) { id } }`,
      { c: ids.consortiumA },
    );
    expectRefusal(res, 'FORBIDDEN', 403);
    expect(res.errors![0].message).toBe('Operazione non consentita per il ruolo assegnato');
  });

  it('refuses out-of-range integers in Italian', async () => {
    const res = await rtd().graphql(
      `query($n: Int) { planLines(edition: "2022-2024", first: $n) { totalCount } }`,
      { n: 2 ** 40 },
    );
    expectRefusal(res, 'BAD_USER_INPUT', 400);
    expect(res.errors![0].message).toBe(
      'Variabile "$n": intero fuori intervallo (da -2147483648 a 2147483647)',
    );
  });
});
