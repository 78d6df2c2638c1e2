import { DataSource } from 'typeorm';
import { seedDemoObjectives } from '@rtd/demo';
import { todayInRome } from '@rtd/dates';
import { ownerDataSource } from '@rtd/platform';
import { AUDITOR_A, PORTAL_LOMBARDIA, RTD_A, RTD_B } from './support/identities';
import { DemoIds, demoIds, ok } from './support/scenario';
import { startTestApi, TestApi } from './support/test-app';

const BUCKET =
  'key label total notStarted inProgress submitted completed rejected notApplicable overdue completionRate';

const DASHBOARD = `query($id: ID!, $f: ConsortiumDashboardFilter, $since: String, $first: Int! = 100, $offset: Int! = 0) {
  consortiumDashboard(consortiumId: $id, filter: $f, since: $since, comuniFirst: $first, comuniOffset: $offset,
                      deadlinesFirst: 100, criticitaFirst: 100) {
    version changed today deadlineDays
    figures { ${BUCKET} }
    objectives { id title edition chapters lineCodes counts { ${BUCKET} } }
    comuni { totalCount offset rows { id istatCode name counts { ${BUCKET} } statuses overdue assignmentIds } }
    deadlines { totalCount items { assignmentId comuneName objectiveTitle dueDate status overdue } }
    criticita { totalCount items { assignmentId comuneName objectiveTitle issues status } }
    options { editions chapters provinces { value label } objectives { value label } }
  } }`;

function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

describe('consortiumDashboard', () => {
  let api: TestApi;
  let ids: DemoIds;
  let owner: DataSource;
  const today = todayInRome();

  beforeAll(async () => {
    api = await startTestApi();
    owner = ownerDataSource(api.config, 'rtd-hub-test-owner');
    await owner.initialize();
    await owner.transaction((db) => seedDemoObjectives(db));
    // Every status, overdue on both sides, deadlines in and out of the next 60 days, criticità.
    await owner.query(
      `WITH pick AS (
         SELECT a.id, row_number() OVER (ORDER BY a.id) AS n FROM assignment a)
       UPDATE assignment a
          SET status = (ARRAY['NOT_STARTED','IN_PROGRESS','SUBMITTED','COMPLETED','REJECTED','NOT_APPLICABLE'])[1 + pick.n % 6],
              due_date = CASE WHEN pick.n % 4 = 0 THEN DATE '2020-01-01'
                              WHEN pick.n % 4 = 1 THEN $1::date + (pick.n % 50)::int
                              WHEN pick.n % 4 = 2 THEN $1::date + 200 END,
              issues = CASE WHEN pick.n % 5 = 0 THEN 'Manca il fornitore ' || pick.n END
         FROM pick WHERE pick.id = a.id`,
      [today],
    );
    ids = await demoIds(api);
  });
  afterAll(async () => {
    await owner?.destroy();
    await api.close();
  });

  const dashboard = async (who: string, variables: Record<string, unknown>) =>
    ok(await api.as(who).graphql(DASHBOARD, { id: ids.consortiumA, ...variables }), 'consortiumDashboard');
  const summary = async (groupBy: string, scope: Record<string, unknown> = {}) =>
    ok(
      await api
        .as(AUDITOR_A)
        .graphql(
          `query($s: ComplianceScope!, $g: ComplianceGroupBy!) { complianceSummary(scope: $s, groupBy: $g) { ${BUCKET} } }`,
          { s: { consortiumId: ids.consortiumA, ...scope }, g: groupBy },
        ),
      'complianceSummary',
    );
  const byKey = (buckets: any[]) => new Map(buckets.map((b) => [b.key, b]));

  it('gives the same numbers as complianceSummary, unfiltered', async () => {
    const d = await dashboard(RTD_A, {});
    expect(d.changed).toBe(true);
    const [consortium] = await summary('CONSORTIUM');
    expect(d.figures).toEqual(consortium);
    expect(d.figures.total).toBeGreaterThan(100);

    const objectives = byKey(await summary('OBJECTIVE'));
    expect(d.objectives.map((o: any) => o.id).sort()).toEqual([...objectives.keys()].sort());
    for (const o of d.objectives) expect(o.counts).toEqual(objectives.get(o.id));

    const comuni = byKey(await summary('COMUNE'));
    const rows = d.comuni.rows.filter((r: any) => r.counts.total > 0);
    expect(rows.map((r: any) => r.istatCode).sort()).toEqual([...comuni.keys()].sort());
    for (const r of rows) expect(r.counts).toEqual(comuni.get(r.istatCode));
  });

  it('fills each cell with its assignment, aligned with the objectives', async () => {
    const d = await dashboard(RTD_A, {});
    const [{ count }] = await owner.query(
      `SELECT count(*)::int AS count FROM assignment WHERE consortium_id = $1`,
      [ids.consortiumA],
    );
    const cells = d.comuni.rows.flatMap((r: any) => r.assignmentIds.filter((x: string | null) => x !== null));
    expect(cells.length).toBe(count);
    const row = d.comuni.rows.find((r: any) => r.counts.total > 0);
    const i = row.assignmentIds.findIndex((x: string | null) => x !== null);
    const [a] = await owner.query(`SELECT status, objective_id FROM assignment WHERE id = $1`, [
      row.assignmentIds[i],
    ]);
    expect(a).toEqual({ status: row.statuses[i], objective_id: d.objectives[i].id });
    for (const r of d.comuni.rows) {
      expect(r.statuses).toHaveLength(d.objectives.length);
      expect(r.overdue).toHaveLength(d.objectives.length);
    }
  });

  it('gives the same numbers as complianceSummary narrowed to one objective', async () => {
    const all = await dashboard(RTD_A, {});
    const objectiveId = all.objectives[0].id;
    const d = await dashboard(RTD_A, { f: { objectiveId } });
    const [bucket] = await summary('CONSORTIUM', { objectiveId });
    expect(d.figures).toEqual(bucket);
    expect(d.objectives.map((o: any) => o.id)).toEqual([objectiveId]);
    const comuni = byKey(await summary('COMUNE', { objectiveId }));
    for (const r of d.comuni.rows.filter((r: any) => r.counts.total > 0))
      expect(r.counts).toEqual(comuni.get(r.istatCode));
  });

  it('narrows by edition and province, and lists what the filters can choose', async () => {
    const all = await dashboard(RTD_A, {});
    expect(all.options.editions.length).toBeGreaterThan(0);
    const province = all.options.provinces[0].value;
    const edition = all.options.editions[0];
    const d = await dashboard(RTD_A, { f: { provinceCode: province, edition } });
    expect(d.objectives.every((o: any) => o.edition === edition)).toBe(true);
    const expected = d.objectives.reduce((n: number, o: any) => n + o.counts.total, 0);
    expect(d.figures.total).toBe(expected);
    expect(d.figures.total).toBeLessThanOrEqual(all.figures.total);
  });

  it('lists the open deadlines of the next 60 days, soonest first, and the open criticità', async () => {
    const d = await dashboard(RTD_A, {});
    const [{ deadlines, criticita }] = await owner.query(
      `SELECT count(*) FILTER (WHERE coalesce(a.due_date, o.due_date) BETWEEN $2::date AND $2::date + 60)::int AS deadlines,
              count(*) FILTER (WHERE a.issues IS NOT NULL)::int AS criticita
         FROM assignment a JOIN shared_objective o ON o.id = a.objective_id
        WHERE a.consortium_id = $1 AND a.status NOT IN ('COMPLETED', 'NOT_APPLICABLE') AND o.state <> 'CLOSED'`,
      [ids.consortiumA, today],
    );
    expect(deadlines).toBeGreaterThan(0);
    expect(d.deadlines.totalCount).toBe(deadlines);
    const days = d.deadlines.items.map((i: any) => i.dueDate);
    expect(days).toEqual([...days].sort());
    expect(days.every((day: string) => day >= today && day <= addDays(today, 60))).toBe(true);
    expect(criticita).toBeGreaterThan(0);
    expect(d.criticita.totalCount).toBe(criticita);
    expect(d.criticita.items[0].issues).toMatch(/^Manca il fornitore/);
    expect(d.criticita.items.every((i: any) => !['COMPLETED', 'NOT_APPLICABLE'].includes(i.status))).toBe(
      true,
    );
  });

  it('names the comuni furthest behind, from the same counts, in the same answer', async () => {
    const LAGGARDS = `query($id: ID!, $f: ConsortiumDashboardFilter, $n: Int!) {
      consortiumDashboard(consortiumId: $id, filter: $f, comuniFirst: 100, laggardsFirst: $n) {
        comuni { rows { id name counts { ${BUCKET} } } }
        laggards { id name istatCode counts { ${BUCKET} } } } }`;
    const ask = async (variables: Record<string, unknown>) =>
      ok(
        await api.as(RTD_A).graphql(LAGGARDS, { id: ids.consortiumA, n: 5, ...variables }),
        'consortiumDashboard',
      );
    const d = await ask({});
    const comuni = byKey(await summary('COMUNE'));
    // The lowest completion first (then the most overdue, then by name), only comuni with work.
    const expected = d.comuni.rows
      .filter((r: any) => r.counts.total > 0)
      .sort(
        (a: any, b: any) =>
          a.counts.completionRate - b.counts.completionRate ||
          b.counts.overdue - a.counts.overdue ||
          a.name.localeCompare(b.name, 'it'),
      )
      .slice(0, 5)
      .map((r: any) => r.id);
    expect(d.laggards.map((r: any) => r.id)).toEqual(expected);
    expect(d.laggards.length).toBe(Math.min(5, comuni.size));
    for (const r of d.laggards) expect(r.counts).toEqual(comuni.get(r.istatCode));
    // Narrowed by the filters like everything else; as many as asked.
    const { objectives } = await dashboard(RTD_A, {});
    const narrowed = await ask({ f: { objectiveId: objectives[0].id }, n: 2 });
    expect(narrowed.laggards.length).toBeGreaterThan(0);
    expect(narrowed.laggards.length).toBeLessThanOrEqual(2);
    for (const r of narrowed.laggards) expect(r.counts.total).toBe(1);
    const bad = await api.as(RTD_A).graphql(LAGGARDS, { id: ids.consortiumA, n: 0 });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'laggardsFirst' });
  });

  it('pages the comuni', async () => {
    const all = await dashboard(RTD_A, {});
    const first = await dashboard(RTD_A, { first: 2 });
    const second = await dashboard(RTD_A, { first: 2, offset: 2 });
    expect(first.comuni.totalCount).toBe(all.comuni.totalCount);
    expect([...first.comuni.rows, ...second.comuni.rows].map((r: any) => r.id)).toEqual(
      all.comuni.rows.slice(0, 4).map((r: any) => r.id),
    );
  });

  it('answers "nothing changed" to the version it gave, and changes after a write', async () => {
    const d = await dashboard(RTD_A, {});
    const same = await dashboard(RTD_A, { since: d.version });
    expect(same).toMatchObject({ changed: false, version: d.version, figures: null, comuni: null });
    await owner.query(
      `UPDATE assignment SET progress = (progress + 1) % 100
        WHERE id = (SELECT id FROM assignment WHERE consortium_id = $1 LIMIT 1)`,
      [ids.consortiumA],
    );
    const moved = await dashboard(RTD_A, { since: d.version });
    expect(moved.changed).toBe(true);
    expect(moved.version).not.toBe(d.version);
    expect(moved.figures).not.toBeNull();
  });

  it('is the office’s only: another consortium’s RTD and a regional observer are refused', async () => {
    for (const who of [RTD_B, PORTAL_LOMBARDIA]) {
      const res = await api.as(who).graphql(DASHBOARD, { id: ids.consortiumA });
      expect(res.errors?.[0]?.extensions?.code).toMatch(/FORBIDDEN|NOT_FOUND/);
    }
  });

  // Last: it closes an objective.
  it('keeps a closed objective out of what counts as open: overdue, deadlines, criticità (issue 23, point 3)', async () => {
    const before = await dashboard(RTD_A, {});
    const closing = [...before.objectives].sort((a: any, b: any) => b.counts.overdue - a.counts.overdue)[0];
    expect(closing.counts.overdue).toBeGreaterThan(0);
    const [{ open, version }] = await owner.query(
      `SELECT count(*) FILTER (WHERE a.status NOT IN ('COMPLETED', 'NOT_APPLICABLE'))::int AS open, o.version
         FROM shared_objective o JOIN assignment a ON a.objective_id = o.id WHERE o.id = $1 GROUP BY o.version`,
      [closing.id],
    );
    expect(open).toBeGreaterThan(0);
    ok(
      await api
        .as(RTD_A)
        .graphql(
          `mutation($id: ID!, $v: Int!) { closeSharedObjective(id: $id, expectedVersion: $v) { state } }`,
          {
            id: closing.id,
            v: version,
          },
        ),
      'closeSharedObjective',
    );

    const after = await dashboard(RTD_A, {});
    const column = after.objectives.find((o: any) => o.id === closing.id);
    expect(column.counts).toMatchObject({ total: closing.counts.total, overdue: 0 });
    expect(after.figures.overdue).toBe(before.figures.overdue - closing.counts.overdue);
    expect(after.figures.total).toBe(before.figures.total);
    const index = after.objectives.indexOf(column);
    expect(after.comuni.rows.every((r: any) => r.overdue[index] !== true)).toBe(true);
    for (const list of [after.deadlines, after.criticita])
      expect(list.items.some((i: any) => i.objectiveTitle === closing.title)).toBe(false);

    // complianceSummary counts the same, by every grouping the Cruscotto shows.
    const [consortium] = await summary('CONSORTIUM');
    expect(after.figures).toEqual(consortium);
    const objectives = byKey(await summary('OBJECTIVE'));
    expect(objectives.get(closing.id)).toEqual(column.counts);
    const comuni = byKey(await summary('COMUNE'));
    for (const r of after.comuni.rows.filter((row: any) => row.counts.total > 0))
      expect(r.counts).toEqual(comuni.get(r.istatCode));
    const [narrowed] = await summary('CONSORTIUM', { objectiveId: closing.id });
    expect(narrowed.overdue).toBe(0);
  });

  it('refuses bad filters in Italian, naming the field', async () => {
    const res = await api.as(RTD_A).graphql(DASHBOARD, { id: ids.consortiumA, f: { provinceCode: 'CR' } });
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'filter.provinceCode',
    });
    const big = await api.as(RTD_A).graphql(DASHBOARD, { id: ids.consortiumA, first: 1000 });
    expect(big.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'comuniFirst' });
  });
});
