import './production-mode';
import assert from 'node:assert/strict';
import { DEMO_CONSORTIA, seedDemoObjectives, seedDemoTenants } from '@rtd/demo';
import { loadConfig, withDatabase } from '@rtd/kernel';
import { dropDatabase, ensureDatabase } from '../../../../apps/cli/src/database-setup';
import { migrate, ownerDataSource } from '@rtd/platform';
import { ALL_MIGRATIONS } from '../../../../migrations';
import { loadReferenceData } from '../../../../apps/cli/src/reference-data';
import { DataSource } from 'typeorm';
import { POSTGRAPHILE_QUERIES, PostGraphileCase, startPostGraphileServer } from './server';

/**
 * Checks the PostGraphile side of the benchmark end to end on a throwaway database: the three
 * cases answer with the demo data under consortium A's settings, consortium B's settings see none
 * of A's rows (so RLS, not PostGraphile, decides), and a rejected token fails the request.
 *
 *   npm run -s build:test && node dist-test/test/bench/src/postgraphile/smoke.js
 */

/**
 * A stand-in for the bench body that the engineer's migration will provide: same signature and
 * result type, so the GraphQL field and its arguments are what PostGraphile will generate then.
 * SECURITY INVOKER (the default), so the policies on assignment apply to the caller.
 */
const BENCH_SQL = `
  CREATE SCHEMA bench;
  CREATE TYPE bench.compliance_bucket AS (
    key text, label text, total int, not_started int, in_progress int, submitted int,
    completed int, rejected int, not_applicable int, overdue int
  );
  CREATE FUNCTION bench.compliance_summary(p_consortium uuid, p_region text, p_group text)
  RETURNS SETOF bench.compliance_bucket LANGUAGE sql STABLE AS $$
    SELECT CASE p_group WHEN 'PROVINCE' THEN c.province_code::text ELSE c.istat_code::text END,
           CASE p_group WHEN 'PROVINCE' THEN c.province_name ELSE c.name END,
           count(*)::int,
           (count(*) FILTER (WHERE a.status = 'NOT_STARTED'))::int,
           (count(*) FILTER (WHERE a.status = 'IN_PROGRESS'))::int,
           (count(*) FILTER (WHERE a.status = 'SUBMITTED'))::int,
           (count(*) FILTER (WHERE a.status = 'COMPLETED'))::int,
           (count(*) FILTER (WHERE a.status = 'REJECTED'))::int,
           (count(*) FILTER (WHERE a.status = 'NOT_APPLICABLE'))::int,
           (count(*) FILTER (WHERE a.due_date < current_date
                               AND a.status NOT IN ('COMPLETED', 'NOT_APPLICABLE')))::int
      FROM assignment a JOIN comune c ON c.id = a.comune_id
     WHERE (p_consortium IS NULL OR a.consortium_id = p_consortium)
       AND (p_region IS NULL OR c.region_code = p_region)
     GROUP BY 1, 2
     ORDER BY 1
  $$;
  GRANT USAGE ON SCHEMA bench TO rtd_app;
  GRANT EXECUTE ON FUNCTION bench.compliance_summary(uuid, text, text) TO rtd_app;
`;

interface Fixture {
  consortiumA: string;
  consortiumB: string;
  comuneId: string;
  regionCode: string;
}

function consortiumSettings(consortiumId: string): Record<string, string> {
  const ids = `{${consortiumId}}`;
  return {
    'app.subject': 'bench',
    'app.full_consortia': ids,
    'app.read_consortia': ids,
    'app.manage_consortia': ids,
  };
}

async function prepare(owner: DataSource, dbContextKey: string): Promise<Fixture> {
  await migrate(owner, { dbContextKey });
  await owner.transaction(async (db) => {
    await loadReferenceData(db);
    await seedDemoTenants(db);
    await seedDemoObjectives(db);
    await db.query(BENCH_SQL);
  });
  const consortia: { id: string; name: string }[] = await owner.query(
    `SELECT id, name FROM consortium WHERE name = ANY($1)`,
    [DEMO_CONSORTIA.map((c) => c.name)],
  );
  const idOf = (name: string): string => {
    const row = consortia.find((c) => c.name === name);
    if (!row) throw new Error(`demo consortium missing: ${name}`);
    return row.id;
  };
  const consortiumA = idOf(DEMO_CONSORTIA[0].name);
  // The municipality of A with the most evidence, so that case C shows every nested level.
  const [busiest]: { comune_id: string; region_code: string }[] = await owner.query(
    `SELECT a.comune_id, c.region_code
       FROM assignment a JOIN comune c ON c.id = a.comune_id LEFT JOIN evidence e ON e.assignment_id = a.id
      WHERE a.consortium_id = $1
      GROUP BY a.comune_id, c.region_code
      ORDER BY count(e.id) DESC, count(DISTINCT a.id) DESC, a.comune_id
      LIMIT 1`,
    [consortiumA],
  );
  assert.ok(busiest, 'the demo seed gave consortium A no assignments');
  return {
    consortiumA,
    consortiumB: idOf(DEMO_CONSORTIA[1].name),
    comuneId: busiest.comune_id,
    regionCode: busiest.region_code,
  };
}

interface CaseCAssignment {
  sharedObjectiveByConsortiumIdAndObjectiveId: {
    title: string;
    sharedObjectiveLinesByConsortiumIdAndObjectiveId: { nodes: { planLineByPlanLineId: { code: string } }[] };
  } | null;
  evidencesByConsortiumIdAndAssignmentId: { nodes: { url: string | null }[] };
}

interface GraphQLResponse {
  status: number;
  body: {
    data?: Record<string, { nodes: unknown[] } | null>;
    errors?: { message: string }[];
  };
}

async function post(
  url: string,
  token: string,
  name: PostGraphileCase,
  variables: Record<string, string>,
): Promise<GraphQLResponse> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: POSTGRAPHILE_QUERIES[name], variables }),
  });
  return { status: response.status, body: (await response.json()) as GraphQLResponse['body'] };
}

/** The case's rows; fails on any GraphQL error, which would otherwise pass for "no rows". */
function nodesOf(name: PostGraphileCase, response: GraphQLResponse): unknown[] {
  assert.equal(response.status, 200, `${name}: HTTP ${response.status} ${JSON.stringify(response.body)}`);
  assert.equal(response.body.errors, undefined, `${name}: ${JSON.stringify(response.body.errors)}`);
  const field = Object.values(response.body.data ?? {})[0];
  assert.ok(field, `${name}: no data`);
  return field.nodes;
}

async function main(): Promise<void> {
  const base = loadConfig({ ...process.env, NODE_ENV: 'test' });
  const database = `rtd_bench_pg_smoke_${Date.now().toString(36)}_${process.pid}`;
  const appUrl = withDatabase(base.databaseUrl, database);
  const ownerUrl = withDatabase(base.databaseOwnerUrl, database);
  await ensureDatabase({ adminUrl: base.databaseAdminUrl, ownerUrl, appUrl });
  try {
    const owner = ownerDataSource(
      { databaseOwnerUrl: ownerUrl },
      'rtd-bench-postgraphile-smoke',
      ALL_MIGRATIONS,
    );
    await owner.initialize();
    let fixture: Fixture;
    try {
      fixture = await prepare(owner, base.dbContextKey);
    } finally {
      await owner.destroy();
    }
    console.log(`database ${database}: ${JSON.stringify(fixture)}`);

    // Tokens stand for the claims the real benchmark verifies; anything else is an invalid token.
    const settingsByToken: Record<string, Record<string, string>> = {
      'consortium-a': consortiumSettings(fixture.consortiumA),
      'consortium-b': consortiumSettings(fixture.consortiumB),
    };
    const server = await startPostGraphileServer({
      port: 0,
      databaseUrl: appUrl,
      schemas: ['public', 'bench'],
      dbContextKey: base.dbContextKey,
      async settingsFor(authorization) {
        const settings = settingsByToken[authorization?.replace(/^Bearer /, '') ?? ''];
        if (!settings) throw new Error('invalid token');
        return settings;
      },
    });
    console.log(`PostGraphile at ${server.url}`);
    try {
      const cases: [PostGraphileCase, Record<string, string>][] = [
        ['caseA', { consortiumId: fixture.consortiumA }],
        ['caseB', { regionCode: fixture.regionCode }],
        ['caseC', { comuneId: fixture.comuneId }],
      ];
      const rowsOfA = new Map<PostGraphileCase, unknown[]>();
      for (const [name, variables] of cases) {
        const started = performance.now();
        const rows = nodesOf(name, await post(server.url, 'consortium-a', name, variables));
        const ms = (performance.now() - started).toFixed(1);
        assert.ok(rows.length > 0, `${name}: consortium A sees no rows`);
        rowsOfA.set(name, rows);
        console.log(`${name} as A: ${rows.length} rows in ${ms} ms; first: ${JSON.stringify(rows[0])}`);
      }
      // Every nested level of case C must resolve, or the benchmark would time a cheaper query.
      const assignments = rowsOfA.get('caseC') as CaseCAssignment[];
      for (const assignment of assignments) {
        const objective = assignment.sharedObjectiveByConsortiumIdAndObjectiveId;
        assert.ok(objective?.title, 'caseC: objective title missing');
        assert.ok(
          objective.sharedObjectiveLinesByConsortiumIdAndObjectiveId.nodes.length > 0,
          'caseC: no lines',
        );
      }
      const urls = assignments.flatMap((a) =>
        a.evidencesByConsortiumIdAndAssignmentId.nodes.map((e) => e.url),
      );
      assert.ok(urls.length > 0, 'caseC: no evidence');
      console.log(`caseC evidence: ${urls.length}, first ${urls[0]}`);

      // Same documents, same variables, B's settings: RLS must hide every row of A.
      for (const [name, variables] of cases) {
        const rows = nodesOf(name, await post(server.url, 'consortium-b', name, variables));
        assert.deepEqual(rows, [], `${name}: consortium B sees rows of A`);
        console.log(`${name} as B: 0 rows`);
      }

      const rejected = await post(server.url, 'forged', 'caseA', { consortiumId: fixture.consortiumA });
      assert.notEqual(rejected.status, 200, 'an invalid token was answered 200');
      assert.equal(rejected.body.data, undefined, 'an invalid token got data');
      assert.ok(rejected.body.errors?.length, 'an invalid token got no error');
      console.log(`invalid token: HTTP ${rejected.status} ${rejected.body.errors?.[0].message}`);
    } finally {
      await server.close();
    }
    console.log('smoke OK');
  } finally {
    await dropDatabase(base.databaseAdminUrl, database);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
