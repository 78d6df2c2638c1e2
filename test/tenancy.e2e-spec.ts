import { ADMIN } from './support/identities';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner.js';
import { errorCodes, startTestApi, TestApi } from './support/test-app';

describe('Municipalities and consortia (GraphQL read side)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  it('finds Crema by ISTAT code, in consortium A with 42 members', async () => {
    const res = await api.as(ADMIN).graphql(`{ comuneByIstatCode(istatCode: "019035") {
      id name provinceCode provinceName regionCode population populationDate populationSource metropolitanCapital
      consortium { name comuneCount } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.comuneByIstatCode).toMatchObject({
      name: 'Crema',
      provinceCode: '019',
      regionCode: '03',
      // ISTAT's resident population at 1 January 2021 (libs/tenancy/data/istat/popolazione-2021.csv).
      population: 34242,
      populationDate: '2021-01-01',
      populationSource: 'ISTAT, popolazione residente al 1° gennaio 2021 (demo.istat.it)',
      metropolitanCapital: false,
      consortium: { name: "Ufficio RTD associato dell'Area Cremasca", comuneCount: 42 },
    });
    const byId = await api.as(ADMIN).graphql(`query($id: ID!) { comune(id: $id) { istatCode } }`, {
      id: (res.data!.comuneByIstatCode as any).id,
    });
    expect(byId.data!.comune).toEqual({ istatCode: '019035' });
  });

  it('lists consortia and pages through members by name', async () => {
    const res = await api.as(ADMIN).graphql(`{ consortia { id name comuneCount } }`);
    const consortia = res.data!.consortia as any[];
    expect(consortia.map((c) => [c.name, c.comuneCount])).toEqual([
      ["Ufficio RTD associato dell'Area Cremasca", 42],
      ['Unione dei Comuni della Val di Bisenzio', 3],
    ]);
    const names: string[] = [];
    let after: string | null = null;
    do {
      const page: any = await api.as(ADMIN).graphql(
        `query($id: ID!, $after: String) { consortium(id: $id) { comuni(first: 10, after: $after) {
          totalCount pageInfo { hasNextPage endCursor } edges { node { name } } } } }`,
        { id: consortia[0].id, after },
      );
      const comuni = page.data.consortium.comuni;
      expect(comuni.totalCount).toBe(42);
      names.push(...comuni.edges.map((e: any) => e.node.name));
      after = comuni.pageInfo.hasNextPage ? comuni.pageInfo.endCursor : null;
    } while (after);
    expect(names).toHaveLength(42);
    expect([...names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'variant' }))).toHaveLength(42);
    expect(names).toContain('Romano di Lombardia');
  });

  it('refuses malformed ids and codes naming the field, and says NOT_FOUND for unknown ones', async () => {
    const badId = await api.as(ADMIN).graphql(`{ consortium(id: "42") { name } }`);
    expect(errorCodes(badId)).toEqual(['BAD_USER_INPUT']);
    expect(badId.errors![0].message).toContain('id');
    const badCode = await api.as(ADMIN).graphql(`{ comuneByIstatCode(istatCode: "19035") { name } }`);
    expect(errorCodes(badCode)).toEqual(['BAD_USER_INPUT']);
    expect(badCode.errors![0].message).toContain('istatCode');
    const missing = await api
      .as(ADMIN)
      .graphql(`{ consortium(id: "00000000-0000-4000-8000-000000000000") { name } }`);
    expect(errorCodes(missing)).toEqual(['NOT_FOUND']);
    expect(missing.data).toEqual({ consortium: null });
  });

  it('issues a constant number of SQL statements however many rows a query touches', async () => {
    const query = `{ consortia { name comuneCount comuni(first: 50) { totalCount
      edges { node { name consortium { name comuneCount } } } } } }`;
    const count = async (q: string) => {
      const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query');
      try {
        const res = await api.as(ADMIN).graphql(q);
        expect(res.errors).toBeUndefined();
        return spy.mock.calls.length;
      } finally {
        spy.mockRestore();
      }
    };
    const consortia = await count(query);
    // 45 member rows, each asking for its consortium and its member count: batched, not one query per row.
    expect(consortia).toBeLessThanOrEqual(15);
    const one = await count(`{ comuneByIstatCode(istatCode: "019035") { consortium { name comuneCount } } }`);
    expect(consortia - one).toBeLessThanOrEqual(3);
  });
});
