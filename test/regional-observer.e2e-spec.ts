import { DataSource } from 'typeorm';
import { DEMO_PEOPLE, seedDemoObjectives } from '@rtd/demo';
import { fiscalCodeProblem } from '@rtd/identity';
import { ownerDataSource } from '@rtd/platform';
import { DemoIds, demoIds, ok } from './support/scenario';
import { errorCodes, startTestApi, TestApi } from './support/test-app';
import { OIDC_ISSUER_ENV } from './support/test-database';

/** Davide Ricci, a person observing Lombardy (region 03); docs/demo-identities.md. */
const OBSERVER_LOMBARDIA = 'RCCDVD77C12F205L';
const GROUPINGS = ['OBJECTIVE', 'LINE', 'CHAPTER', 'COMUNE', 'PROVINCE', 'CONSORTIUM'];

describe('A regional observer in person (issue 11)', () => {
  let api: TestApi;
  let ids: DemoIds;
  let owner: DataSource;

  beforeAll(async () => {
    api = await startTestApi();
    owner = ownerDataSource(api.config, 'rtd-hub-test-owner');
    await owner.initialize();
    await owner.transaction((db) => seedDemoObjectives(db));
    ids = await demoIds(api);
  });
  afterAll(async () => {
    await owner?.destroy();
    await api.close();
  });

  const davide = () => api.as(OBSERVER_LOMBARDIA);

  it('is a demo person with a well-formed fiscal code, listed by the development provider', async () => {
    const person = DEMO_PEOPLE.find((p) => p.fiscalCode === OBSERVER_LOMBARDIA);
    expect(person).toMatchObject({
      givenName: 'Davide',
      familyName: 'Ricci',
      grants: [{ role: 'REGIONAL_OBSERVER', regionCode: '03' }],
    });
    expect(fiscalCodeProblem(OBSERVER_LOMBARDIA)).toBeNull();
    const html = await (await fetch(`${process.env[OIDC_ISSUER_ENV]}/`)).text();
    expect(html).toContain('Davide Ricci');
    expect(html).toContain(OBSERVER_LOMBARDIA);
    expect(html).toContain('Osservatore regionale (regione 03)');
  });

  it('is granted its role by the demo seed', async () => {
    const me = ok(
      await davide().graphql(
        `{ me { fiscalCode displayName memberships { role regionCode consortium { id } } } }`,
      ),
      'me',
    );
    expect(me).toEqual({
      fiscalCode: OBSERVER_LOMBARDIA,
      displayName: 'Davide Ricci',
      memberships: [{ role: 'REGIONAL_OBSERVER', regionCode: '03', consortium: null }],
    });
  });

  it('summarises region 03 by every grouping, with nothing that names a person', async () => {
    const names = DEMO_PEOPLE.flatMap((p) => [`${p.givenName} ${p.familyName}`, p.fiscalCode, p.email]);
    for (const groupBy of GROUPINGS) {
      const res = await davide().graphql(
        `query($g: ComplianceGroupBy!) { complianceSummary(scope: { regionCode: "03" }, groupBy: $g) {
          key label total notStarted inProgress submitted completed rejected notApplicable overdue completionRate } }`,
        { g: groupBy },
      );
      const buckets = ok(res, 'complianceSummary');
      expect({ groupBy, empty: buckets.length === 0 }).toEqual({ groupBy, empty: false });
      const text = JSON.stringify(res.data);
      for (const name of names)
        expect({ groupBy, name, named: text.includes(name) }).toMatchObject({ named: false });
    }
    const provinces = ok(
      await davide().graphql(
        `{ complianceSummary(scope: { regionCode: "03" }, groupBy: PROVINCE) { key total } }`,
      ),
      'complianceSummary',
    );
    expect(provinces.map((b: any) => b.key).sort()).toEqual(['016', '019', '098']);
    const trend = await davide().graphql(
      `{ complianceTrend(scope: { regionCode: "03" }, from: "2023-06-01", to: "2023-06-30") { day buckets { key total } } }`,
    );
    expect(trend.errors).toBeUndefined();
  });

  it('sees nothing of another region, and no assignment, role or audit entry anywhere', async () => {
    const tuscany = await davide().graphql(
      `{ complianceSummary(scope: { regionCode: "09" }, groupBy: PROVINCE) { key } }`,
    );
    expect(errorCodes(tuscany)).toEqual(['FORBIDDEN']);
    const perConsortium = await davide().graphql(
      `query($c: ID!) { complianceSummary(scope: { consortiumId: $c }, groupBy: COMUNE) { key } }`,
      { c: ids.consortiumA },
    );
    expect(errorCodes(perConsortium)).toEqual(['FORBIDDEN']);
    const lists = ok(await davide().graphql(`{ assignments(filter: {}) { totalCount } }`), 'assignments');
    expect(lists.totalCount).toBe(0);
    for (const [query, variables] of [
      [`query($c: ID!) { auditLog(consortiumId: $c) { totalCount } }`, { c: ids.consortiumA }],
      [`query($c: ID!) { consortiumMemberships(consortiumId: $c) { id } }`, { c: ids.consortiumA }],
      [`query($c: ID!) { comuneMembers(comuneId: $c) { id } }`, { c: ids.crema }],
    ] as const) {
      const res = await davide().graphql(query, variables);
      expect({ query, codes: errorCodes(res) }).toEqual({ query, codes: ['FORBIDDEN'] });
      expect(res.data).toBeNull();
    }
  });
});
