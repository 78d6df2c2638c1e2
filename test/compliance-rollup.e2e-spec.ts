import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { overdueSql } from '@rtd/assignments';
import { AccessScope } from '@rtd/authz';
import { ComplianceGroupBy, complianceSummarySql } from '@rtd/compliance';
import { seedDemoObjectives } from '@rtd/demo';
import { ownerDataSource } from '@rtd/platform';
import { AUDITOR_A, PORTAL_LOMBARDIA, REFERENT_CREMA, RTD_A } from './support/identities';
import { assignmentOf, DemoIds, demoIds, ok, publishedObjective } from './support/scenario';
import { applySignedSettings } from './support/test-database';
import { startTestApi, TestApi } from './support/test-app';
import { INestApplicationContext } from '@nestjs/common';
import { Counts, countByHand } from './support/hand-counts';
import { startTestWorker } from './support/test-worker';

const GROUPINGS = Object.values(ComplianceGroupBy);

/** One assignment as counted by hand: its status, overdue, and the keys of its buckets. */
interface HandRow {
  status: string;
  overdue: boolean;
  objectiveId: string;
  consortiumId: string;
  istatCode: string;
  provinceCode: string;
  regionCode: string;
  lines: string[];
  chapters: string[];
}

/**
 * The compliance rollup (migrations/1764000020000-compliance-rollup.ts) is kept by triggers in the
 * transaction of every change of an assignment. Summaries read it; here they are compared, for
 * every grouping and both scopes, with counting the assignment rows one by one as the table owner,
 * after each kind of change, and after concurrent writers on one consortium.
 */
describe('Compliance rollup', () => {
  let api: TestApi;
  let owner: DataSource;
  let ids: DemoIds;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    api = await startTestApi();
    owner = await ownerDataSource(api.config, 'compliance-rollup-test').initialize();
    await owner.transaction((db) => seedDemoObjectives(db));
    ids = await demoIds(api);
    worker = await startTestWorker(api.config);
  });
  afterAll(async () => {
    await worker?.close();
    await owner?.destroy();
    await api.close();
  });

  /** Every assignment of the scope, one row each, read as the owner (no row-level security). */
  type Scope = { consortiumId: string; objectiveId?: string } | { regionCode: string; objectiveId?: string };

  async function handRows(scope: Scope): Promise<HandRow[]> {
    const filter =
      'consortiumId' in scope
        ? 'a.consortium_id = $1::uuid'
        : // A region's portal reads the consortia with a member in the region (row-level security).
          `c.region_code = $1 AND EXISTS (SELECT 1 FROM consortium_member m JOIN comune mc ON mc.id = m.comune_id
                                           WHERE m.consortium_id = a.consortium_id AND mc.region_code = $1)`;
    return owner.query(
      `SELECT a.status, ${overdueSql()} AS overdue, a.objective_id AS "objectiveId", a.consortium_id AS "consortiumId",
              c.istat_code AS "istatCode", c.province_code AS "provinceCode", c.region_code AS "regionCode",
              coalesce((SELECT array_agg(DISTINCT l.edition_code || ':' || l.code) FROM shared_objective_line sol
                          JOIN plan_line l ON l.id = sol.plan_line_id WHERE sol.objective_id = a.objective_id), '{}') AS lines,
              coalesce((SELECT array_agg(DISTINCT l.edition_code || ':' || l.chapter) FROM shared_objective_line sol
                          JOIN plan_line l ON l.id = sol.plan_line_id WHERE sol.objective_id = a.objective_id), '{}') AS chapters
         FROM assignment a JOIN shared_objective o ON o.id = a.objective_id JOIN comune c ON c.id = a.comune_id
        WHERE ${filter} AND ($2::uuid IS NULL OR a.objective_id = $2::uuid)`,
      ['consortiumId' in scope ? scope.consortiumId : scope.regionCode, scope.objectiveId ?? null],
    );
  }

  function expectedBuckets(rows: HandRow[], groupBy: ComplianceGroupBy): Map<string, Counts> {
    const keysOf: Record<ComplianceGroupBy, (row: HandRow) => string[]> = {
      OBJECTIVE: (row) => [row.objectiveId],
      LINE: (row) => row.lines,
      CHAPTER: (row) => row.chapters,
      COMUNE: (row) => [row.istatCode],
      PROVINCE: (row) => [row.provinceCode],
      CONSORTIUM: (row) => [row.consortiumId],
    };
    return countByHand(rows, keysOf[groupBy]);
  }

  const summary = async (as: string, scope: object, groupBy: ComplianceGroupBy) =>
    ok(
      await api.as(as).graphql(
        `query($s: ComplianceScope!, $g: ComplianceGroupBy!) { complianceSummary(scope: $s, groupBy: $g) {
            key total notStarted inProgress submitted completed rejected notApplicable overdue } }`,
        { s: scope, g: groupBy },
      ),
      'complianceSummary',
    ) as ({ key: string } & Counts)[];

  type Query = (sql: string, params?: unknown[]) => Promise<any[]>;
  const asOwner: Query = (sql, params) => owner.query(sql, params);

  /** The rollup's rows equal the assignments grouped by their keys (a row at zero would differ). */
  async function expectRollupEqualsAssignments(query: Query = asOwner): Promise<void> {
    const [byObjective] = await query(`
      WITH hand AS (
        SELECT a.consortium_id, a.objective_id, c.region_code, a.status, a.due_date, count(*)::int AS n
          FROM assignment a JOIN comune c ON c.id = a.comune_id GROUP BY 1, 2, 3, 4, 5)
      SELECT count(*)::int AS rows, count(*) FILTER (WHERE h.n IS DISTINCT FROM r.n)::int AS different
        FROM hand h FULL JOIN compliance_objective_count r
          ON (r.consortium_id, r.objective_id, r.region_code, r.status) = (h.consortium_id, h.objective_id, h.region_code, h.status)
         AND r.due_date IS NOT DISTINCT FROM h.due_date`);
    const [byComune] = await query(`
      WITH hand AS (
        SELECT a.consortium_id, a.comune_id, c.region_code, a.status, coalesce(a.due_date, o.due_date) AS due_date,
               count(*)::int AS n
          FROM assignment a JOIN comune c ON c.id = a.comune_id JOIN shared_objective o ON o.id = a.objective_id
         GROUP BY 1, 2, 3, 4, 5)
      SELECT count(*)::int AS rows, count(*) FILTER (WHERE h.n IS DISTINCT FROM r.n)::int AS different
        FROM hand h FULL JOIN compliance_comune_count r
          ON (r.consortium_id, r.comune_id, r.region_code, r.status) = (h.consortium_id, h.comune_id, h.region_code, h.status)
         AND r.due_date IS NOT DISTINCT FROM h.due_date`);
    expect({ byObjective: byObjective.different, byComune: byComune.different }).toEqual({
      byObjective: 0,
      byComune: 0,
    });
    expect(byObjective.rows).toBeGreaterThan(0);
  }

  /** Every grouping, for consortium A (its auditor) and for region 03 (the Lombardy portal). */
  async function expectSummariesEqualHandCounts(when: string): Promise<void> {
    await expectRollupEqualsAssignments();
    // One objective of the consortium with assignments in several comuni and statuses.
    const [{ id: objectiveId }] = await owner.query(
      `SELECT objective_id AS id FROM assignment WHERE consortium_id = $1
        GROUP BY objective_id ORDER BY count(DISTINCT status) DESC, count(*) DESC, objective_id LIMIT 1`,
      [ids.consortiumA],
    );
    const scopes: { as: string; scope: Scope }[] = [
      { as: AUDITOR_A, scope: { consortiumId: ids.consortiumA } },
      { as: PORTAL_LOMBARDIA, scope: { regionCode: '03' } },
      { as: RTD_A, scope: { consortiumId: ids.consortiumA, objectiveId } },
      { as: PORTAL_LOMBARDIA, scope: { regionCode: '03', objectiveId } },
    ];
    for (const { as, scope } of scopes) {
      const rows = await handRows(scope);
      expect(rows.length).toBeGreaterThan(0);
      for (const groupBy of GROUPINGS) {
        const expected = expectedBuckets(rows, groupBy);
        const buckets = await summary(as, scope, groupBy);
        const actual = new Map(buckets.map(({ key, ...counts }) => [key, counts]));
        expect({ when, scope, groupBy, buckets: actual }).toEqual({
          when,
          scope,
          groupBy,
          buckets: expected,
        });
      }
    }
  }

  /** Runs `work` in a transaction of the owner that is rolled back. */
  async function rolledBack(work: (query: Query) => Promise<void>): Promise<void> {
    const client = new Client({ connectionString: api.config.databaseOwnerUrl });
    await client.connect();
    try {
      await client.query('BEGIN');
      await work(async (sql, params) => (await client.query(sql, params as unknown[])).rows);
    } finally {
      await client.query('ROLLBACK');
      await client.end();
    }
  }

  it('reads the rollup, not the assignments', async () => {
    // The statement the API runs: a bucket bumped by hand (rolled back) shows in the summary,
    // which a count of assignment rows would not.
    await rolledBack(async (query) => {
      const sql = complianceSummarySql(ComplianceGroupBy.COMUNE, { scope: 'consortium', objective: false });
      const before = await query(sql, [ids.consortiumA]);
      const [bumped] = await query(
        `UPDATE compliance_comune_count SET n = n + 1000
          WHERE ctid = (SELECT ctid FROM compliance_comune_count WHERE consortium_id = $1 LIMIT 1)
          RETURNING (SELECT istat_code FROM comune WHERE id = comune_id) AS key`,
        [ids.consortiumA],
      );
      const after = await query(sql, [ids.consortiumA]);
      const total = (rows: { key: string; total: number }[]) => rows.find((r) => r.key === bumped.key)!.total;
      expect(total(after)).toBe(total(before) + 1000);
    });
    for (const groupBy of GROUPINGS) {
      for (const scope of ['consortium', 'region'] as const) {
        expect(complianceSummarySql(groupBy, { scope, objective: false })).toMatch(
          /FROM compliance_(objective|comune)_count a/,
        );
      }
    }
  });

  it('agrees with the hand count on the demo data, its every status and overdue on both sides', async () => {
    await owner.query(`
      WITH pick AS (
        SELECT a.id, row_number() OVER (ORDER BY a.id) AS n FROM assignment a
          JOIN shared_objective o ON o.id = a.objective_id WHERE o.title LIKE 'Misure minime%')
      UPDATE assignment a SET status = (ARRAY['NOT_STARTED','IN_PROGRESS','SUBMITTED','COMPLETED','REJECTED','NOT_APPLICABLE'])[1 + pick.n % 6],
             due_date = CASE WHEN pick.n % 4 = 0 THEN DATE '2020-01-01' END
        FROM pick WHERE pick.id = a.id`);
    const statuses = await owner.query(`SELECT DISTINCT status FROM assignment WHERE consortium_id = $1`, [
      ids.consortiumA,
    ]);
    expect(statuses.length).toBe(6);
    await expectSummariesEqualHandCounts('demo data');
  });

  it('counts a publication (the fan-out inserts) and a status change through the API', async () => {
    const objectiveId = await publishedObjective(api, {
      consortiumId: ids.consortiumA,
      title: 'Obiettivo del rollup',
      dueDate: '2021-06-30',
    });
    await expectSummariesEqualHandCounts('after a publication');

    const crema = await assignmentOf(api, objectiveId, ids.crema);
    const moved = ok(
      await api.as(REFERENT_CREMA).graphql(
        `mutation($id: ID!, $v: Int!) { updateAssignment(id: $id, expectedVersion: $v, input: { status: IN_PROGRESS, progress: 30 }) {
            id version status } }`,
        { id: crema.id, v: crema.version },
      ),
      'updateAssignment',
    );
    expect(moved.status).toBe('IN_PROGRESS');
    ok(
      await api
        .as(REFERENT_CREMA)
        .graphql(`mutation($id: ID!, $v: Int!) { submitAssignment(id: $id, expectedVersion: $v) { id } }`, {
          id: moved.id,
          v: moved.version,
        }),
      'submitAssignment',
    );
    const pandino = await assignmentOf(api, objectiveId, ids.pandino);
    ok(
      await api
        .as(RTD_A)
        .graphql(
          `mutation($id: ID!, $v: Int!) { markNotApplicable(id: $id, expectedVersion: $v, reason: "Servizio non presente") { id } }`,
          { id: pandino.id, v: pandino.version },
        ),
      'markNotApplicable',
    );
    await expectSummariesEqualHandCounts('after status changes');
  });

  it("counts due date changes: the objective's (through the API) and an assignment's own", async () => {
    const objectiveId = await publishedObjective(api, {
      consortiumId: ids.consortiumA,
      title: 'Obiettivo con scadenza che cambia',
      dueDate: '2099-01-31',
    });
    await expectSummariesEqualHandCounts('before the due date changes');
    const objective = ok(
      await api.as(RTD_A).graphql(`query($id: ID!) { sharedObjective(id: $id) { id version } }`, {
        id: objectiveId,
      }),
      'sharedObjective',
    );
    ok(
      await api
        .as(RTD_A)
        .graphql(
          `mutation($id: ID!, $v: Int!) { updateSharedObjective(id: $id, expectedVersion: $v, input: { dueDate: "2020-03-31" }) { id } }`,
          { id: objective.id, v: objective.version },
        ),
      'updateSharedObjective',
    );
    await expectSummariesEqualHandCounts("after the objective's due date passed");
    await owner.query(
      `UPDATE assignment SET due_date = DATE '2099-12-31' WHERE objective_id = $1 AND comune_id = $2`,
      [objectiveId, ids.crema],
    );
    await expectSummariesEqualHandCounts("after an assignment's own due date moved");
  });

  it('counts an objective closed, and a draft deleted with its assignments', async () => {
    const objectiveId = await publishedObjective(api, {
      consortiumId: ids.consortiumA,
      title: 'Da chiudere',
    });
    const objective = ok(
      await api.as(RTD_A).graphql(`query($id: ID!) { sharedObjective(id: $id) { id version } }`, {
        id: objectiveId,
      }),
      'sharedObjective',
    );
    ok(
      await api
        .as(RTD_A)
        .graphql(
          `mutation($id: ID!, $v: Int!) { closeSharedObjective(id: $id, expectedVersion: $v) { state } }`,
          {
            id: objectiveId,
            v: objective.version,
          },
        ),
      'closeSharedObjective',
    );
    await expectSummariesEqualHandCounts('after an objective closed');

    // The application creates assignments only by publishing, and never deletes one: their history
    // is append-only (status_event refuses any DELETE, even a cascaded one). A draft is deleted
    // without assignments, which changes no count.
    const draft = ok(
      await api
        .as(RTD_A)
        .graphql(
          `mutation($input: CreateSharedObjectiveInput!) { createSharedObjective(input: $input) { id version } }`,
          {
            input: {
              consortiumId: ids.consortiumA,
              title: 'Bozza',
              edition: '2022-2024',
              lineCodes: ['CAP1.PA.LA20'],
              dueDate: '2020-01-31',
              target: { all: true },
            },
          },
        ),
      'createSharedObjective',
    );
    ok(
      await api
        .as(RTD_A)
        .graphql(`mutation($id: ID!, $v: Int!) { deleteSharedObjective(id: $id, expectedVersion: $v) }`, {
          id: draft.id,
          v: draft.version,
        }),
      'deleteSharedObjective',
    );
    await expectSummariesEqualHandCounts('after a draft was deleted');

    // Deleting assignments is still counted: with the history guard lifted by the owner (rolled
    // back), an objective's deletion takes its assignments, and their counts, with it.
    await rolledBack(async (query) => {
      await query(`ALTER TABLE status_event DISABLE TRIGGER status_event_append_only`);
      await query(
        `DELETE FROM assignment WHERE id IN (SELECT id FROM assignment WHERE consortium_id = $1 LIMIT 3)`,
        [ids.consortiumA],
      );
      await expectRollupEqualsAssignments(query);
      const [deleted] = await query(`DELETE FROM shared_objective WHERE id = $1 RETURNING id`, [objectiveId]);
      expect(deleted.id).toBe(objectiveId);
      expect(await query(`SELECT 1 FROM assignment WHERE objective_id = $1`, [objectiveId])).toEqual([]);
      await expectRollupEqualsAssignments(query);
    });
  });

  it("follows a comune's move to another region", async () => {
    await owner.query(`UPDATE comune SET region_code = '09' WHERE id = $1`, [ids.pandino]);
    try {
      await expectSummariesEqualHandCounts('after Pandino moved to region 09');
    } finally {
      await owner.query(`UPDATE comune SET region_code = '03' WHERE id = $1`, [ids.pandino]);
    }
    await expectSummariesEqualHandCounts('after Pandino came back');
  });

  it('loses no increment when writers of one consortium change assignments of the same buckets at once', async () => {
    const objectiveId = await publishedObjective(api, {
      consortiumId: ids.consortiumA,
      title: 'Obiettivo conteso',
      dueDate: '2020-12-31',
    });
    // Assignments of one objective (one objective bucket) and of one comune (one comune bucket).
    const targets: { id: string }[] = await owner.query(
      `SELECT a.id FROM assignment a JOIN shared_objective o ON o.id = a.objective_id
        WHERE a.consortium_id = $1 AND a.status = 'NOT_STARTED' AND (a.objective_id = $2 OR a.comune_id = $3)
          AND coalesce(a.due_date, o.due_date) = DATE '2020-12-31'
        ORDER BY a.id LIMIT 16`,
      [ids.consortiumA, objectiveId, ids.crema],
    );
    expect(targets.length).toBeGreaterThanOrEqual(8);
    const settings = new AccessScope(null, [
      {
        membershipId: 'test',
        role: 'CONSORTIUM_RTD',
        consortiumId: ids.consortiumA,
        comuneId: null,
        regionCode: null,
      },
    ]).rlsSettings();
    const clients = targets.map(() => new Client({ connectionString: api.config.databaseUrl }));
    await Promise.all(clients.map((client) => client.connect()));
    try {
      for (const [from, to] of [
        ['NOT_STARTED', 'IN_PROGRESS'],
        ['IN_PROGRESS', 'SUBMITTED'],
        ['SUBMITTED', 'COMPLETED'],
      ]) {
        // Every transaction changes its assignment, then waits for all the others to have started
        // theirs before it commits: the bucket rows are contended.
        let started = 0;
        const allStarted = new Promise<void>((resolve) => {
          const check = setInterval(() => {
            if (started === clients.length) {
              clearInterval(check);
              resolve();
            }
          }, 5);
        });
        await Promise.all(
          clients.map(async (client, i) => {
            await client.query('BEGIN');
            await applySignedSettings(client, api.config, settings);
            const update = client.query(
              `UPDATE assignment SET status = $2, version = version + 1 WHERE id = $1 AND status = $3 RETURNING id`,
              [targets[i].id, to, from],
            );
            started++;
            const { rowCount } = await update;
            await allStarted;
            await new Promise((resolve) => setTimeout(resolve, 20));
            await client.query('COMMIT');
            expect(rowCount).toBe(1);
          }),
        );
        await expectRollupEqualsAssignments();
      }
    } finally {
      await Promise.all(clients.map((client) => client.end()));
    }
    await expectSummariesEqualHandCounts('after concurrent writers');
  });
});
