import { DataSource } from 'typeorm';
import { seedDemoObjectives } from '@rtd/demo';
import { ownerDataSource } from '@rtd/platform';
import { AUDITOR_A, PORTAL_LOMBARDIA, RTD_A } from './support/identities';
import { DemoIds, demoIds, ok } from './support/scenario';
import { startTestApi, TestApi } from './support/test-app';

const STATUS_FIELDS = {
  NOT_STARTED: 'notStarted',
  IN_PROGRESS: 'inProgress',
  SUBMITTED: 'submitted',
  COMPLETED: 'completed',
  REJECTED: 'rejected',
  NOT_APPLICABLE: 'notApplicable',
} as const;

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
            edges { node { status overdue comune { istatCode provinceCode } objective { id lines { code chapter } } } } } }`,
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
      LINE: (a) => a.objective.lines.map((l: any) => l.code),
      CHAPTER: (a) => [...new Set<string>(a.objective.lines.map((l: any) => String(l.chapter)))],
      COMUNE: (a) => [a.comune.istatCode],
      PROVINCE: (a) => [a.comune.provinceCode],
      CONSORTIUM: () => [ids.consortiumA],
    };
    for (const [groupBy, keys] of Object.entries(keysOf)) {
      const expected = new Map<string, Record<string, number>>();
      for (const a of assignments) {
        for (const key of keys(a)) {
          const bucket = expected.get(key) ?? {
            total: 0,
            notStarted: 0,
            inProgress: 0,
            submitted: 0,
            completed: 0,
            rejected: 0,
            notApplicable: 0,
            overdue: 0,
          };
          bucket.total++;
          bucket[STATUS_FIELDS[a.status as keyof typeof STATUS_FIELDS]]++;
          if (a.overdue) bucket.overdue++;
          expected.set(key, bucket);
        }
      }
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
});
