import { Client } from 'pg';
import {
  AUDITOR_A,
  DELEGATE_CREMA,
  PORTAL_LOMBARDIA,
  REFERENT_CREMA,
  REFERENT_VAIANO,
  RTD_A,
  RTD_B,
  STAFF_A,
  VIEWER_CREMA,
} from './support/identities';
import { DemoIds, demoIds, publishedObjective } from './support/scenario';
import { errorCodes, startTestApi, TestApi } from './support/test-app';
import { applySignedSettings } from './support/test-database';
import { startTestWorker } from './support/test-worker';

const LOCAL_CODES = ['LOC.CAP3.01', 'LOC.CAP6.01', 'LOC.CAP8.01'];

/** Issue 12, point 10: the LOC.* lines of Crema's plan are consortium A's own. */
describe("A consortium's local lines", () => {
  let api: TestApi;
  let ids: DemoIds;

  beforeAll(async () => {
    api = await startTestApi();
    ids = await demoIds(api);
  });
  afterAll(() => api.close());

  async function seen(who: string) {
    const res = await api.as(who).graphql(`{ planEditions { code lineCount }
      planLines(edition: "2022-2024", first: 500) { totalCount edges { node { code local } } }
      search: planLines(edition: "2022-2024", search: "eidas") { edges { node { code } } } }`);
    expect(res.errors).toBeUndefined();
    const data = res.data!;
    const codes: string[] = data.planLines.edges.map((e: any) => e.node.code);
    return {
      local: codes.filter((code) => code.startsWith('LOC.')).sort(),
      total: data.planLines.totalCount as number,
      listed: codes.length,
      lineCount: data.planEditions.find((e: any) => e.code === '2022-2024').lineCount as number,
      searched: data.search.edges.map((e: any) => e.node.code) as string[],
    };
  }

  it.each([
    ['the RTD of A', RTD_A],
    ['the staff of A', STAFF_A],
    ['the auditor of A', AUDITOR_A],
    ['the referent of Crema', REFERENT_CREMA],
    ['the delegate of Crema', DELEGATE_CREMA],
    ['the viewer of Crema', VIEWER_CREMA],
  ])('are read by %s', async (_, who) => {
    const view = await seen(who);
    expect(view.local).toEqual(LOCAL_CODES);
    expect(view).toMatchObject({ total: 75, listed: 75, lineCount: 75 });
    expect(view.searched).toContain('LOC.CAP3.01');
  });

  it.each([
    ['the RTD of B', RTD_B],
    ['a referent of a comune of B', REFERENT_VAIANO],
    ['the Lombardy portal', PORTAL_LOMBARDIA],
  ])('are not read by %s', async (_, who) => {
    const view = await seen(who);
    expect(view.local).toEqual([]);
    expect(view).toMatchObject({ total: 72, listed: 72, lineCount: 72 });
    expect(view.searched).not.toContain('LOC.CAP3.01');
  });

  it("cannot be put in another consortium's objective", async () => {
    const res = await api
      .as(RTD_B)
      .graphql(
        `mutation($input: CreateSharedObjectiveInput!) { createSharedObjective(input: $input) { id } }`,
        {
          input: {
            consortiumId: ids.consortiumB,
            title: 'eIDAS come a Crema',
            edition: '2022-2024',
            lineCodes: ['LOC.CAP3.01'],
            dueDate: '2099-12-31',
            target: { all: true },
          },
        },
      );
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors![0].message).toContain('LOC.CAP3.01');
    const preview = await api
      .as(RTD_B)
      .graphql(
        `query($c: ID!) { targetPreview(consortiumId: $c, target: { all: true }, edition: "2022-2024", lineCodes: ["LOC.CAP6.01"]) { count } }`,
        { c: ids.consortiumB },
      );
    expect(errorCodes(preview)).toEqual(['BAD_USER_INPUT']);
  });

  it("never appear in a regional portal's aggregates", async () => {
    const worker = await startTestWorker(api.config);
    try {
      await publishedObjective(api, {
        consortiumId: ids.consortiumA,
        comuneIds: [ids.crema],
        title: 'Login with eIDAS',
        lineCodes: ['LOC.CAP3.01', 'CAP3.PA.LA22'],
      });
    } finally {
      await worker.close();
    }
    const office = await api
      .as(RTD_A)
      .graphql(`query($c: ID!) { complianceSummary(scope: { consortiumId: $c }, groupBy: LINE) { key } }`, {
        c: ids.consortiumA,
      });
    expect(office.data!.complianceSummary.map((b: any) => b.key)).toContain('2022-2024:LOC.CAP3.01');
    const region = await api
      .as(PORTAL_LOMBARDIA)
      .graphql(`{ complianceSummary(scope: { regionCode: "03" }, groupBy: LINE) { key label } }`);
    expect(region.errors).toBeUndefined();
    expect(region.data!.complianceSummary.map((b: any) => b.key)).toEqual(['2022-2024:CAP3.PA.LA22']);
    expect(JSON.stringify(region.data)).not.toContain('LOC.');
  });

  it('are hidden by row-level security too, to SQL without a filter', async () => {
    const app = new Client({ connectionString: api.config.databaseUrl });
    const owner = new Client({ connectionString: api.config.databaseOwnerUrl });
    await Promise.all([app.connect(), owner.connect()]);
    try {
      const owners = await owner.query(
        `SELECT DISTINCT owner_consortium_id AS id FROM plan_line WHERE is_local`,
      );
      expect(owners.rows).toEqual([{ id: ids.consortiumA }]);
      const localAs = async (settings: Record<string, string>) => {
        await app.query('BEGIN');
        try {
          // Signed, as the API applies them: unsigned settings give no tenant at all.
          await applySignedSettings(app, api.config, settings);
          const { rows } = await app.query(`SELECT code FROM plan_line WHERE is_local ORDER BY code`);
          return rows.map((row) => row.code);
        } finally {
          await app.query('ROLLBACK');
        }
      };
      expect(await localAs({})).toEqual([]);
      expect(await localAs({ 'app.full_consortia': `{${ids.consortiumB}}` })).toEqual([]);
      // A regional observer reads consortium A's record, not its lines.
      expect(await localAs({ 'app.read_consortia': `{${ids.consortiumA}}`, 'app.regions': '{03}' })).toEqual(
        [],
      );
      expect(await localAs({ 'app.full_consortia': `{${ids.consortiumA}}` })).toEqual(LOCAL_CODES);
      expect(
        await localAs({ 'app.comuni': `{${ids.crema}}`, 'app.read_consortia': `{${ids.consortiumA}}` }),
      ).toEqual(LOCAL_CODES);
      const agid = await app.query(`SELECT count(*)::int AS n FROM plan_line WHERE NOT is_local`);
      expect(agid.rows[0].n).toBeGreaterThan(300);
    } finally {
      await Promise.all([app.end(), owner.end()]);
    }
  });
});
