import { DataSource } from 'typeorm';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner.js';
import { SessionQueryRunner } from '@rtd/kernel';
import { seedDemoObjectives } from '@rtd/demo';
import { JobContext } from '@rtd/authz';
import { ComplianceRepository, ComplianceSnapshots, SNAPSHOT_SUBJECT } from '@rtd/compliance';
import { todayInRome } from '@rtd/dates';
import { APP_DATA_SOURCE, ownerDataSource } from '@rtd/platform';
import { AUDITOR_A, PORTAL_LOMBARDIA, RTD_A } from './support/identities';
import { DemoIds, demoIds, ok, publishedObjective } from './support/scenario';
import { startTestApi, TestApi } from './support/test-app';
import { countByHand } from './support/hand-counts';
import { startTestWorker } from './support/test-worker';

/** The API's own data source (the rtd_app role), as the worker would use it. */
const appDataSourceFor = (api: TestApi): DataSource => api.app.get<DataSource>(APP_DATA_SOURCE);

describe('Compliance summary on the demo data', () => {
  let api: TestApi;
  let ids: DemoIds;
  let owner: DataSource;

  beforeAll(async () => {
    api = await startTestApi();
    owner = ownerDataSource(api.config, 'rtd-hub-test-owner');
    await owner.initialize();
    const first = await owner.transaction((db) => seedDemoObjectives(db));
    expect(first.objectives).toBe(5);
    // Make sure every status, and overdue on both sides, is in the data set.
    await owner.query(`
      WITH pick AS (
        SELECT a.id, row_number() OVER (ORDER BY a.id) AS n FROM assignment a
          JOIN shared_objective o ON o.id = a.objective_id WHERE o.title LIKE 'Misure minime%')
      UPDATE assignment a SET status = (ARRAY['NOT_STARTED','IN_PROGRESS','SUBMITTED','COMPLETED','REJECTED','NOT_APPLICABLE'])[1 + pick.n % 6],
             due_date = CASE WHEN pick.n % 4 = 0 THEN DATE '2020-01-01' END
        FROM pick WHERE pick.id = a.id`);
    ids = await demoIds(api);
  });
  afterAll(async () => {
    await owner?.destroy();
    await api.close();
  });

  it('seeds the demo objectives once', async () => {
    expect(await owner.transaction((db) => seedDemoObjectives(db))).toEqual({
      objectives: 0,
      assignments: 0,
    });
  });

  /** Every assignment of consortium A, read through the API as its RTD, page by page. */
  async function allAssignments(): Promise<any[]> {
    const rows: any[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = ok(
        await api.as(RTD_A).graphql(
          `query($f: AssignmentFilter!, $after: String) { assignments(filter: $f, first: 100, after: $after) {
            pageInfo { hasNextPage endCursor }
            edges { node { status overdue comune { istatCode provinceCode } objective { id lines { edition code chapter } } } } } }`,
          { f: { consortiumId: ids.consortiumA }, after },
        ),
        'assignments',
      );
      rows.push(...page.edges.map((e: any) => e.node));
      if (!page.pageInfo.hasNextPage) return rows;
      after = page.pageInfo.endCursor;
    }
  }

  it('agrees with counting assignments by hand, for every grouping', async () => {
    const assignments = await allAssignments();
    expect(assignments.length).toBeGreaterThan(100);
    const keysOf: Record<string, (a: any) => string[]> = {
      OBJECTIVE: (a) => [a.objective.id],
      LINE: (a) => a.objective.lines.map((l: any) => `${l.edition}:${l.code}`),
      CHAPTER: (a) => [...new Set<string>(a.objective.lines.map((l: any) => `${l.edition}:${l.chapter}`))],
      COMUNE: (a) => [a.comune.istatCode],
      PROVINCE: (a) => [a.comune.provinceCode],
      CONSORTIUM: () => [ids.consortiumA],
    };
    for (const [groupBy, keys] of Object.entries(keysOf)) {
      const expected = countByHand(assignments, keys);
      const buckets = ok(
        await api.as(AUDITOR_A).graphql(
          `query($s: ComplianceScope!, $g: ComplianceGroupBy!) { complianceSummary(scope: $s, groupBy: $g) {
            key label total notStarted inProgress submitted completed rejected notApplicable overdue completionRate } }`,
          { s: { consortiumId: ids.consortiumA }, g: groupBy },
        ),
        'complianceSummary',
      );
      expect({ groupBy, keys: buckets.map((b: any) => b.key).sort() }).toEqual({
        groupBy,
        keys: [...expected.keys()].sort(),
      });
      for (const bucket of buckets) {
        const { key, label, completionRate, ...counts } = bucket;
        expect({ groupBy, key, counts }).toEqual({ groupBy, key, counts: expected.get(key) });
        const applicable = counts.total - counts.notApplicable;
        expect(completionRate).toBeCloseTo(applicable ? counts.completed / applicable : 0, 10);
        expect(label.length).toBeGreaterThan(0);
      }
      const rates = buckets.map((b: any) => b.completionRate);
      expect(rates).toEqual([...rates].sort((x: number, y: number) => x - y));
    }
  });

  it("serves a consortium's cached summary in three round trips: transaction, existence and version, commit", async () => {
    // Issue 28 (bench case A-cold): the transaction opens with its settings in one round trip, and
    // the consortium's existence and its data version are one statement (consortiumVersion).
    const query = `query($s: ComplianceScope!) { complianceSummary(scope: $s, groupBy: COMUNE) { key total } }`;
    const variables = { s: { consortiumId: ids.consortiumA } };
    const roundTrips = async () => {
      const plain = jest.spyOn(PostgresQueryRunner.prototype, 'query');
      const named = jest.spyOn(SessionQueryRunner.prototype, 'queryNamed');
      try {
        ok(await api.as(RTD_A).graphql(query, variables), 'complianceSummary');
        return [...plain.mock.calls.map(([sql]) => String(sql)), ...named.mock.calls.map(([q]) => q.text)];
      } finally {
        plain.mockRestore();
        named.mockRestore();
      }
    };
    await roundTrips(); // the caller's rights and the summary, cached from here on
    const runs: string[][] = [];
    for (let i = 0; i < 5; i++) runs.push(await roundTrips());
    const least = runs.reduce((a, b) => (b.length < a.length ? b : a));
    expect(least[0]).toMatch(/^START TRANSACTION; SELECT app_set_context\(/);
    expect(least.filter((sql) => /\bcompliance_version\b/.test(sql))).toHaveLength(1);
    expect(least).toHaveLength(3);
  });

  it('covers every status and both overdue cases', async () => {
    const assignments = await allAssignments();
    expect(new Set(assignments.map((a) => a.status)).size).toBe(6);
    expect(new Set(assignments.map((a) => a.overdue))).toEqual(new Set([true, false]));
  });

  it('takes a daily snapshot once per day and serves it as a trend', async () => {
    const snapshots = new ComplianceSnapshots(new ComplianceRepository());
    const job = JobContext.forJob(appDataSourceFor(api), SNAPSHOT_SUBJECT, {});
    const day = todayInRome();
    const first = await snapshots.take(job, day);
    expect(await snapshots.take(job, day)).toBe(first);
    const [{ count }] = await owner.query(
      `SELECT count(*)::int AS count FROM compliance_snapshot WHERE day = $1`,
      [day],
    );
    expect(count).toBe(first);
    const trend = ok(
      await api.as(RTD_A).graphql(
        `query($s: ComplianceScope!, $d: Date!) { complianceTrend(scope: $s, groupBy: COMUNE, from: $d, to: $d) {
          day buckets { key total completed overdue } } }`,
        { s: { consortiumId: ids.consortiumA }, d: day },
      ),
      'complianceTrend',
    );
    const live = ok(
      await api
        .as(RTD_A)
        .graphql(
          `query($s: ComplianceScope!) { complianceSummary(scope: $s, groupBy: COMUNE) { key total completed overdue } }`,
          { s: { consortiumId: ids.consortiumA } },
        ),
      'complianceSummary',
    );
    expect(trend).toEqual([{ day, buckets: live }]);
    const tooLong = await api
      .as(RTD_A)
      .graphql(
        `query($s: ComplianceScope!) { complianceTrend(scope: $s, from: "2020-01-01", to: "2026-01-01") { day } }`,
        { s: { consortiumId: ids.consortiumA } },
      );
    expect(tooLong.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('gives a regional portal its region, without anything that names a person', async () => {
    const buckets = ok(
      await api
        .as(PORTAL_LOMBARDIA)
        .graphql(`{ complianceSummary(scope: { regionCode: "03" }, groupBy: PROVINCE) { key label total } }`),
      'complianceSummary',
    );
    expect(buckets.map((b: any) => b.key).sort()).toEqual(['016', '019', '098']);
    const people = await api.as(PORTAL_LOMBARDIA).graphql(`{ assignments(filter: {}) { totalCount } }`);
    expect(people.data!.assignments.totalCount).toBe(0);
  });

  it('keeps chapters and lines of different editions in buckets of their own', async () => {
    const summary = async (groupBy: string) =>
      ok(
        await api.as(RTD_A).graphql(
          `query($s: ComplianceScope!, $g: ComplianceGroupBy!) { complianceSummary(scope: $s, groupBy: $g) {
            key label edition total } }`,
          { s: { consortiumId: ids.consortiumA }, g: groupBy },
        ),
        'complianceSummary',
      ) as { key: string; label: string; edition: string | null; total: number }[];
    const chaptersBefore = await summary('CHAPTER');
    const oldChapter1 = chaptersBefore.find((b) => b.key === '2022-2024:1')!;
    expect(oldChapter1).toMatchObject({ edition: '2022-2024' });
    expect(oldChapter1.label).toMatch(/^Capitolo 1 \(2022-2024\) - /);
    expect(oldChapter1.total).toBeGreaterThan(2);

    const worker = await startTestWorker(api.config);
    try {
      // Chapter 1 of 2024-2026, for two comuni; CAP1.PA.LA01 of 2020-2022 and of 2022-2024, for one each.
      await publishedObjective(api, {
        consortiumId: ids.consortiumA,
        comuneIds: [ids.crema, ids.pandino],
        edition: '2024-2026',
        lineCodes: ['CAP1.PA.01'],
      });
      await publishedObjective(api, {
        consortiumId: ids.consortiumA,
        comuneIds: [ids.crema],
        edition: '2020-2022',
        lineCodes: ['CAP1.PA.LA01'],
      });
      await publishedObjective(api, {
        consortiumId: ids.consortiumA,
        comuneIds: [ids.pandino],
        edition: '2022-2024',
        lineCodes: ['CAP1.PA.LA01'],
      });
    } finally {
      await worker.close();
    }

    const chapters = await summary('CHAPTER');
    expect(chapters.find((b) => b.key === '2024-2026:1')).toMatchObject({ edition: '2024-2026', total: 2 });
    expect(chapters.find((b) => b.key === '2024-2026:1')!.label).toMatch(/^Capitolo 1 \(2024-2026\) - /);
    expect(chapters.find((b) => b.key === '2020-2022:1')).toMatchObject({ total: 1 });
    expect(chapters.find((b) => b.key === '2022-2024:1')!.total).toBe(oldChapter1.total + 1);
    expect(new Set(chapters.map((b) => b.label)).size).toBe(chapters.length);

    const lines = await summary('LINE');
    expect(lines.find((b) => b.key === '2020-2022:CAP1.PA.LA01')).toMatchObject({
      edition: '2020-2022',
      total: 1,
    });
    expect(lines.find((b) => b.key === '2022-2024:CAP1.PA.LA01')).toMatchObject({
      edition: '2022-2024',
      total: 1,
    });
    expect(lines.find((b) => b.key === '2022-2024:CAP1.PA.LA01')!.label).toMatch(
      /^CAP1\.PA\.LA01 \(2022-2024\) /,
    );
    expect((await summary('COMUNE')).every((b) => b.edition === null)).toBe(true);
  });
});
