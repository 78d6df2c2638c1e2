import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { importJWK, JWK, SignJWT } from 'jose';
import { DataSource } from 'typeorm';
import { ComplianceGroupBy, complianceSummarySql } from '@rtd/compliance';
import { AccessLoader, IdentityRepository, sessionSettingsForToken, TokenVerifier } from '@rtd/identity';
import { applySettings, SessionSettings, withDbSession } from '@rtd/kernel';
import { appDataSource, ownerDataSource } from '@rtd/platform';
import { API_NODE_FLAGS } from '../../../apps/api/src/heap';
import { generateSigningKeys } from '../../../apps/dev-idp/src/signing-key';
import { benchConfig } from './bench-config';
import {
  ColdWay,
  ColdWriter,
  coldSummaryLoad,
  READS_PER_WRITE,
  RlsTaxRow,
  rlsTax,
  sqlWrite,
} from './cold-and-rls';
import { assertNonEmpty, httpLoad, loopLoad, Measure, round } from './measure';
import { POSTGRAPHILE_QUERIES } from './postgraphile/queries';
import { CaseResult, markdown, Report, Way } from './report';
import { BENCH_OBSERVER, seedNationalData } from './seed';

const ROOT = path.resolve(__dirname, '../../../..');
const DIST = path.join(ROOT, 'dist');
const CONNECTIONS = 50;
/** Database connections per server (and for the floor): PostgreSQL allows 100 in all on this machine. */
const POOL = 15;

const BUCKET_FIELDS =
  'key label total notStarted inProgress submitted completed rejected notApplicable overdue completionRate';
const API_QUERIES = {
  A: `query($id: ID!) { complianceSummary(scope: { consortiumId: $id }, groupBy: COMUNE) { ${BUCKET_FIELDS} } }`,
  B: `{ complianceSummary(scope: { regionCode: "03" }, groupBy: PROVINCE) { ${BUCKET_FIELDS} } }`,
  C: `query($c: ID!) { assignments(filter: { comuneId: $c }, first: 100) {
        edges { node { id status progress objective { title lines { code } } evidence { url } } } } }`,
};

/** `npm run bench [-- --quick]`: cases A-E against this API, PostGraphile and the raw SQL floor. */
async function main(): Promise<void> {
  if (process.argv.includes('--render')) {
    // Rewrites docs/benchmarks.md from docs/benchmarks.json, after a change to the report's text.
    const report = JSON.parse(readFileSync(path.join(ROOT, 'docs/benchmarks.json'), 'utf8')) as Report;
    writeFileSync(path.join(ROOT, 'docs/benchmarks.md'), markdown(report));
    return;
  }
  const quick = process.argv.includes('--quick');
  // `--only=C,E`: just these cases, printed and not written to docs/ (for profiling one case);
  // BENCH_API_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") goes to the API's node.
  const onlyArg = process.argv.find((arg) => arg.startsWith('--only='));
  const only = onlyArg ? new Set(onlyArg.slice('--only='.length).split(',')) : null;
  const runs = (id: string) => !only || only.has(id);
  const load = quick ? { seconds: 4, warmupSeconds: 1 } : { seconds: 20, warmupSeconds: 5 };
  const config = benchConfig();
  const log = (line: string) => console.log(`[bench] ${line}`);
  const seeded = await seedNationalData(config, log);
  log(`dati: ${seeded.assignments} assegnazioni in ${seeded.consortia} consorzi`);

  const owner = ownerDataSource(config, 'rtd-hub-bench');
  await owner.initialize();
  await installBenchFunction(owner);
  const fixtures = await pickFixtures(owner);

  // A provider with a key the bench keeps: it signs the callers' tokens the API then verifies as usual.
  const keys = generateSigningKeys();
  const jwksFile = path.join(mkdtempSync(path.join(tmpdir(), 'rtd-bench-')), 'jwks.json');
  writeFileSync(jwksFile, JSON.stringify(keys.jwks), { mode: 0o600 });
  const ports = { idp: 4101, api: 4100, postgraphile: 4102 };
  const issuer = `http://127.0.0.1:${ports.idp}`;
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATABASE_URL: config.databaseUrl,
    DATABASE_OWNER_URL: config.databaseOwnerUrl,
    REDIS_URL: config.redisUrl,
    QUEUE_PREFIX: config.queuePrefix,
    OIDC_ISSUER: issuer,
    OIDC_AUDIENCE: config.oidcAudience,
    PUBLIC_URL: `http://127.0.0.1:${ports.api}`,
    DATABASE_POOL_SIZE: String(POOL),
    // The Prometheus endpoints on any free port: a demo may hold the default ones.
    API_METRICS_PORT: '0',
    WORKER_METRICS_PORT: '0',
    // Production mode requires it explicitly: the key the bench database was migrated with.
    DB_CONTEXT_KEY: config.dbContextKey,
    DOWNLOAD_LINK_SECRET: process.env.DOWNLOAD_LINK_SECRET || randomBytes(32).toString('hex'),
    // The load comes from one address and a few callers: the API's request limits (300 a minute
    // per person by default) would answer 429 and measure the limiter, not the API.
    RATE_LIMIT_PERSON: '0',
    RATE_LIMIT_CLIENT: '0',
    RATE_LIMIT_ADDRESS: '0',
  };
  const children: ChildProcess[] = [];
  const start = async (
    script: string,
    extra: Record<string, string>,
    ready: string,
    nodeArgs: string[] = [],
  ) => {
    const child = spawn(process.execPath, [...nodeArgs, path.join(DIST, script)], {
      env: { ...env, ...extra },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(child);
    await waitFor(ready, child);
    return child;
  };
  const results: CaseResult[] = [];
  let rls: RlsTaxRow[] = [];
  let peakRssMb = 0;
  // The API's peak during one case (its three ways), shown with the case: where the peak comes from.
  let casePeakRssMb = 0;
  const withPeak = (result: CaseResult): CaseResult => {
    result.extra = { ...result.extra, 'API peak RSS MB': round(casePeakRssMb) };
    casePeakRssMb = 0;
    return result;
  };
  let rss: NodeJS.Timeout | undefined;
  let floorPool: DataSource | undefined;
  try {
    await start(
      'apps/dev-idp/src/main.js',
      { DEV_IDP_PORT: String(ports.idp), DEV_IDP_JWKS_FILE: jwksFile },
      `${issuer}/jwks`,
    );
    const api = await start(
      'apps/api/src/main.js',
      { PORT: String(ports.api) },
      `http://127.0.0.1:${ports.api}/health/live`,
      [...API_NODE_FLAGS, ...(process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean)],
    );
    rss = setInterval(() => {
      const now = rssMb(api.pid);
      peakRssMb = Math.max(peakRssMb, now);
      casePeakRssMb = Math.max(casePeakRssMb, now);
    }, 200);
    await start(
      'test/bench/src/postgraphile-main.js',
      { PORT: String(ports.postgraphile) },
      `http://127.0.0.1:${ports.postgraphile}/graphql`,
    );
    const worker = spawn(process.execPath, [path.join(DIST, 'apps/worker/src/main.js')], {
      env: { ...env, FAN_OUT_BATCH_SIZE: '1000', DATABASE_POOL_SIZE: '3' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(worker);

    const sign = signer(keys.jwks.keys[0] as JWK & { kid: string }, issuer, config.oidcAudience);
    const rtdToken = await sign.person(fixtures.rtdFiscalCode);
    const observerToken = await sign.client(BENCH_OBSERVER);
    const referentToken = await sign.person(fixtures.referentFiscalCode);
    const apiUrl = `http://127.0.0.1:${ports.api}/graphql`;
    const pgUrl = `http://127.0.0.1:${ports.postgraphile}/graphql`;

    // The floor runs the same SQL with pg at the same concurrency, under the same RLS settings.
    const app = appDataSource({ ...config, databasePoolSize: POOL }, 'rtd-hub-bench-floor');
    floorPool = app;
    await app.initialize();
    const verifier = new TokenVerifier({ ...config, oidcIssuer: issuer });
    const settingsOf = (token: string) =>
      sessionSettingsForToken(app, verifier, new AccessLoader(new IdentityRepository()), token);
    const floorQuery = (settings: SessionSettings, sql: string, params: unknown[]) => () =>
      withDbSession(app, {}, async (session) => {
        const db = await session.manager();
        await applySettings(db, settings);
        const found: unknown[] = await db.query(sql, params);
        return found.length > 0;
      });

    const cases: {
      id: 'A' | 'B' | 'C';
      title: string;
      token: string;
      variables: Record<string, unknown>;
      floor: () => Promise<boolean>;
    }[] = [
      {
        id: 'A',
        title: `Dashboard di un consorzio di 50 comuni (complianceSummary per COMUNE), come RTD`,
        token: rtdToken,
        variables: { id: fixtures.consortiumId, consortiumId: fixtures.consortiumId },
        floor: floorQuery(
          await settingsOf(rtdToken),
          complianceSummarySql(ComplianceGroupBy.COMUNE, { scope: 'consortium', objective: false }),
          [fixtures.consortiumId],
        ),
      },
      {
        id: 'B',
        title: `Portale regionale: regione 03 (${fixtures.lombardyComuni} comuni) per PROVINCE, come ${BENCH_OBSERVER}`,
        token: observerToken,
        variables: { regionCode: '03' },
        floor: floorQuery(
          await settingsOf(observerToken),
          complianceSummarySql(ComplianceGroupBy.PROVINCE, { scope: 'region', objective: false }),
          ['03'],
        ),
      },
      {
        id: 'C',
        title:
          'Lista di lavoro di un referente: assignments(comuneId, first: 100) con obiettivo, linee ed evidenze',
        token: referentToken,
        variables: { c: fixtures.comuneId, comuneId: fixtures.comuneId },
        floor: floorQuery(await settingsOf(referentToken), worklistSql(), [fixtures.comuneId]),
      },
    ];
    for (const c of cases.filter(({ id }) => runs(id))) {
      log(`caso ${c.id}: API`);
      casePeakRssMb = 0;
      const headers = { authorization: `Bearer ${c.token}` };
      const result: CaseResult = { id: c.id, title: c.title, ways: {} };
      result.ways.api = await httpLoad(
        apiUrl,
        { query: API_QUERIES[c.id], variables: c.variables },
        headers,
        { connections: CONNECTIONS, ...load },
      );
      log(`caso ${c.id}: PostGraphile`);
      const pgQuery = POSTGRAPHILE_QUERIES[`case${c.id}` as 'caseA' | 'caseB' | 'caseC'];
      result.ways.postgraphile = await httpLoad(pgUrl, { query: pgQuery, variables: c.variables }, headers, {
        connections: CONNECTIONS,
        ...load,
      });
      log(`caso ${c.id}: SQL diretto`);
      if (!(await c.floor())) throw new Error(`caso ${c.id}: the floor's statement finds no row`);
      result.ways.floor = await loopLoad(c.floor, CONNECTIONS, load);
      results.push(withPeak(result));
    }

    if (runs('A-cold')) {
      log(`caso A-cold: dashboard del consorzio con una scrittura ogni ${READS_PER_WRITE} letture`);
      casePeakRssMb = 0;
      results.push(
        withPeak(
          await coldSummary(owner, app, sign, settingsOf, fixtures, {
            api: { url: apiUrl, token: rtdToken },
            postgraphile: { url: pgUrl, token: rtdToken },
            floor: cases[0].floor,
            load,
          }),
        ),
      );
    }
    if (runs('RLS')) {
      log('tassa RLS: le istruzioni calde come rtd_app e come proprietario');
      rls = await rlsTax(
        owner,
        app,
        { rtd: await settingsOf(rtdToken), referent: await settingsOf(referentToken) },
        fixtures,
        quick ? 10 : 50,
      );
      for (const row of rls) log(`  ${row.statement}: ${row.appMs} / ${row.ownerMs} ms = ${row.ratio}×`);
    }
    if (runs('E')) {
      log('caso E: scritture concorrenti di 50 referenti');
      casePeakRssMb = 0;
      results.push(withPeak(await writeMix(owner, app, sign, apiUrl, settingsOf, load)));
    }
    if (runs('D')) {
      log('caso D: fan-out a 7.904 comuni');
      casePeakRssMb = 0;
      results.push(withPeak(await fanOut(owner, sign, apiUrl)));
    }
  } finally {
    // Also after a failure: a live interval or pool would keep the bench process running.
    clearInterval(rss);
    if (floorPool?.isInitialized) await floorPool.destroy();
    for (const child of children) child.kill('SIGTERM');
    await owner.destroy();
  }
  const report = {
    date: new Date().toISOString(),
    quick,
    machine: { cores: cpus().length, cpu: cpus()[0]?.model, memoryGb: round(totalmem() / 2 ** 30) },
    connections: CONNECTIONS,
    method: { pool: POOL, readsPerWrite: READS_PER_WRITE },
    load,
    data: seeded,
    apiPeakRssMb: round(peakRssMb),
    results,
    rlsTax: rls,
  };
  if (only) {
    // A partial run is for looking at one case: it leaves the committed report alone.
    console.log(markdown(report));
    return;
  }
  mkdirSync(path.join(ROOT, 'docs'), { recursive: true });
  writeFileSync(path.join(ROOT, 'docs/benchmarks.json'), JSON.stringify(report, null, 2) + '\n');
  writeFileSync(path.join(ROOT, 'docs/benchmarks.md'), markdown(report));
  log('scritti docs/benchmarks.md e docs/benchmarks.json');
  process.exitCode = 0;
}

/** PostGraphile exposes this function as a query field: it runs exactly the API's summary SQL. */
async function installBenchFunction(owner: DataSource): Promise<void> {
  const select = (group: ComplianceGroupBy, scope: 'consortium' | 'region') =>
    `SELECT key::text, label::text, total, "notStarted", "inProgress", submitted, completed, rejected, "notApplicable", overdue FROM (${complianceSummarySql(group, { scope, objective: false })}) s`;
  const branches = [ComplianceGroupBy.COMUNE, ComplianceGroupBy.PROVINCE]
    .map(
      (
        group,
      ) => `IF p_group = '${group}' AND p_consortium IS NOT NULL THEN RETURN QUERY EXECUTE $q$${select(group, 'consortium')}$q$ USING p_consortium; END IF;
        IF p_group = '${group}' AND p_region IS NOT NULL THEN RETURN QUERY EXECUTE $q$${select(group, 'region')}$q$ USING p_region; END IF;`,
    )
    .join('\n');
  await owner.query(`CREATE SCHEMA IF NOT EXISTS bench`);
  await owner.query(`DROP FUNCTION IF EXISTS bench.compliance_summary(uuid, text, text)`);
  await owner.query(`DROP TYPE IF EXISTS bench.compliance_bucket`);
  await owner.query(`CREATE TYPE bench.compliance_bucket AS (key text, label text, total int, not_started int,
    in_progress int, submitted int, completed int, rejected int, not_applicable int, overdue int)`);
  await owner.query(`CREATE FUNCTION bench.compliance_summary(p_consortium uuid, p_region text, p_group text)
    RETURNS SETOF bench.compliance_bucket LANGUAGE plpgsql STABLE AS $f$ BEGIN ${branches} END $f$`);
  await owner.query(`GRANT USAGE ON SCHEMA bench TO rtd_app`);
  await owner.query(`GRANT EXECUTE ON FUNCTION bench.compliance_summary(uuid, text, text) TO rtd_app`);
}

/** The worklist of case C as one SQL statement: the rows, their objective, lines and evidence. */
function worklistSql(): string {
  return `SELECT a.id, a.status, a.progress, o.title,
                 (SELECT array_agg(l.code ORDER BY sol.position) FROM shared_objective_line sol JOIN plan_line l ON l.id = sol.plan_line_id WHERE sol.objective_id = o.id) AS lines,
                 (SELECT array_agg(e.url ORDER BY e.added_at) FROM evidence e WHERE e.assignment_id = a.id) AS evidence
            FROM assignment a JOIN shared_objective o ON o.id = a.objective_id
           WHERE a.comune_id = $1 ORDER BY coalesce(a.due_date, o.due_date), a.id LIMIT 100`;
}

interface Fixtures {
  consortiumId: string;
  rtdFiscalCode: string;
  comuneId: string;
  referentFiscalCode: string;
  /** The municipalities the referent reports for (what the API's scope reads). */
  referentComuni: string[];
  /** An assignment of the referent's municipality, with history. */
  assignmentId: string;
  lombardyComuni: number;
}

async function pickFixtures(owner: DataSource): Promise<Fixtures> {
  const [row] = await owner.query(`
    SELECT k.id AS "consortiumId", p.fiscal_code AS "rtdFiscalCode"
      FROM consortium k JOIN membership m ON m.consortium_id = k.id AND m.role = 'CONSORTIUM_RTD' AND m.revoked_at IS NULL
      JOIN person p ON p.id = m.person_id
     WHERE (SELECT count(*) FROM consortium_member x WHERE x.consortium_id = k.id) = 50
     ORDER BY k.name LIMIT 1`);
  const [referent] = await owner.query(
    `SELECT m.comune_id AS "comuneId", p.fiscal_code AS "referentFiscalCode"
       FROM membership m JOIN person p ON p.id = m.person_id
      WHERE m.role = 'COMUNE_REFERENT' AND m.consortium_id = $1 ORDER BY p.fiscal_code LIMIT 1`,
    [row.consortiumId],
  );
  const [{ n }] = await owner.query(`SELECT count(*)::int AS n FROM comune WHERE region_code = '03'`);
  const [{ comuni }] = await owner.query(
    `SELECT array_agg(DISTINCT m.comune_id) AS comuni FROM membership m JOIN person p ON p.id = m.person_id
      WHERE p.fiscal_code = $1 AND m.role = 'COMUNE_REFERENT' AND m.revoked_at IS NULL`,
    [referent.referentFiscalCode],
  );
  const [assignment] = await owner.query(
    `SELECT a.id FROM assignment a WHERE a.comune_id = $1
        AND EXISTS (SELECT 1 FROM status_event e WHERE e.assignment_id = a.id) ORDER BY a.id LIMIT 1`,
    [referent.comuneId],
  );
  return { ...row, ...referent, referentComuni: comuni, assignmentId: assignment.id, lombardyComuni: n };
}

function signer(key: JWK & { kid: string }, issuer: string, audience: string) {
  const sign = async (claims: Record<string, unknown>, subject: string) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'at+jwt' })
      .setIssuer(issuer)
      .setAudience(audience)
      .setSubject(subject)
      .setIssuedAt()
      .setExpirationTime('2h')
      .sign(await importJWK(key, 'RS256'));
  return {
    person: (fiscalCode: string) =>
      sign(
        { fiscal_number: `TINIT-${fiscalCode}`, given_name: 'Bench', family_name: fiscalCode },
        fiscalCode,
      ),
    client: (clientId: string) => sign({ client_id: clientId }, clientId),
  };
}

/**
 * Case A-cold: case A's summary, with one referent's progress update of an assignment of the
 * consortium after every ten reads (through the API for the API way, the equivalent UPDATE under
 * the referent's settings for PostGraphile and the floor), so that no cache can hide the cost.
 */
async function coldSummary(
  owner: DataSource,
  app: DataSource,
  sign: ReturnType<typeof signer>,
  settingsOf: (token: string) => Promise<SessionSettings>,
  fixtures: Fixtures,
  ways: {
    api: { url: string; token: string };
    postgraphile: { url: string; token: string };
    floor: () => Promise<boolean>;
    load: { seconds: number; warmupSeconds: number };
  },
): Promise<CaseResult> {
  const rows: { assignmentId: string; version: number; comuneId: string; fiscalCode: string }[] =
    await owner.query(
      `SELECT DISTINCT ON (a.comune_id) a.id AS "assignmentId", a.version, a.comune_id AS "comuneId",
              p.fiscal_code AS "fiscalCode"
         FROM assignment a JOIN shared_objective o ON o.id = a.objective_id AND o.state <> 'CLOSED'
         JOIN membership m ON m.comune_id = a.comune_id AND m.role = 'COMUNE_REFERENT' AND m.revoked_at IS NULL
         JOIN person p ON p.id = m.person_id
        WHERE a.consortium_id = $1 AND a.status = 'IN_PROGRESS' ORDER BY a.comune_id, a.id LIMIT 20`,
      [fixtures.consortiumId],
    );
  if (rows.length === 0)
    throw new Error('caso A-cold: no referent of the consortium has an assignment in progress');
  const writers: ColdWriter[] = await Promise.all(
    rows.map(async (row) => {
      const token = await sign.person(row.fiscalCode);
      return { ...row, token, settings: await settingsOf(token), busy: false };
    }),
  );
  const refresh = async (writer: ColdWriter) => {
    const [row] = await owner.query(`SELECT version FROM assignment WHERE id = $1`, [writer.assignmentId]);
    writer.version = row.version;
  };
  const graphql = async (url: string, token: string, query: string, variables: Record<string, unknown>) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return {
      ok: response.ok,
      body: (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] },
    };
  };
  const reader = (url: string, token: string, query: string) => {
    const variables = { id: fixtures.consortiumId, consortiumId: fixtures.consortiumId };
    return async () => {
      const { ok, body } = await graphql(url, token, query, variables);
      return ok && !body.errors;
    };
  };
  const sqlWriter = async (writer: ColdWriter, progress: number) => {
    if (await sqlWrite(app, writer, progress)) return true;
    await refresh(writer);
    return false;
  };
  const way: Record<Way, ColdWay> = {
    api: {
      read: reader(ways.api.url, ways.api.token, API_QUERIES.A),
      async write(writer, progress) {
        const { body } = await graphql(
          ways.api.url,
          writer.token,
          `
            mutation ($id: ID!, $v: Int!, $p: Int!) {
              updateAssignment(id: $id, expectedVersion: $v, input: { progress: $p }) {
                version
              }
            }
          `,
          { id: writer.assignmentId, v: writer.version, p: progress },
        );
        const version = (body.data?.updateAssignment as { version?: number } | undefined)?.version;
        if (version) {
          writer.version = version;
          return true;
        }
        await refresh(writer);
        return false;
      },
    },
    postgraphile: {
      read: reader(ways.postgraphile.url, ways.postgraphile.token, POSTGRAPHILE_QUERIES.caseA),
      write: sqlWriter,
    },
    floor: { read: ways.floor, write: sqlWriter },
  };
  const result: CaseResult = {
    id: 'A-cold',
    title: `Dashboard di un consorzio (come A) con una scrittura di un referente ogni ${READS_PER_WRITE} letture (${writers.length} referenti a turno)`,
    ways: {},
    extra: {},
  };
  for (const name of ['api', 'postgraphile', 'floor'] as const) {
    // A way that answers nothing (RLS hiding every row) would be fast and meaningless.
    if (name !== 'floor') {
      const target = ways[name];
      assertNonEmpty(
        `A-cold ${name}`,
        (
          await graphql(
            target.url,
            target.token,
            name === 'api' ? API_QUERIES.A : POSTGRAPHILE_QUERIES.caseA,
            { id: fixtures.consortiumId, consortiumId: fixtures.consortiumId },
          )
        ).body,
      );
    } else if (!(await ways.floor())) throw new Error('A-cold floor: no row');
    if (!(await way[name].write(writers[0], 42))) throw new Error(`A-cold ${name}: the write failed`);
    const { measure, writes, reads } = await coldSummaryLoad(way[name], writers, CONNECTIONS, ways.load);
    result.ways[name] = measure;
    result.extra![`${name} writes`] = writes;
    result.extra![`${name} reads`] = reads;
  }
  return result;
}

/** Case E: 50 referents of different municipalities each updating the progress of one of their assignments. */
async function writeMix(
  owner: DataSource,
  app: DataSource,
  sign: ReturnType<typeof signer>,
  apiUrl: string,
  settingsOf: (token: string) => Promise<SessionSettings>,
  load: { seconds: number; warmupSeconds: number },
): Promise<CaseResult> {
  const rows: { id: string; version: number; fiscal_code: string }[] = await owner.query(`
    SELECT DISTINCT ON (a.comune_id) a.id, a.version, p.fiscal_code
      FROM assignment a JOIN membership m ON m.comune_id = a.comune_id AND m.role = 'COMUNE_REFERENT'
      JOIN person p ON p.id = m.person_id JOIN comune c ON c.id = a.comune_id
     WHERE a.status = 'IN_PROGRESS' AND c.region_code = '03' ORDER BY a.comune_id, a.id LIMIT ${CONNECTIONS}`);
  const writers = await Promise.all(
    rows.map(async (row) => ({ ...row, token: await sign.person(row.fiscal_code) })),
  );
  let conflicts = 0;
  const api = await loopLoad(
    async (i) => {
      const w = writers[i];
      const response = await fetch(apiUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${w.token}` },
        body: JSON.stringify({
          query: `mutation($id: ID!, $v: Int!, $p: Int!) { updateAssignment(id: $id, expectedVersion: $v, input: { progress: $p }) { version } }`,
          variables: { id: w.id, v: w.version, p: 10 + Math.floor(Math.random() * 80) },
        }),
      });
      const body = (await response.json()) as {
        data?: { updateAssignment?: { version: number } };
        errors?: { extensions?: { code?: string } }[];
      };
      if (body.data?.updateAssignment) {
        w.version = body.data.updateAssignment.version;
        return true;
      }
      if (body.errors?.[0]?.extensions?.code === 'CONFLICT') conflicts++;
      return false;
    },
    writers.length,
    load,
  );
  // The floor: the same statements the service runs (versioned update, history, audit) in one transaction.
  const settings = await Promise.all(writers.map((w) => settingsOf(w.token)));
  const versions = await owner.query(`SELECT id, version FROM assignment WHERE id = ANY($1)`, [
    writers.map((w) => w.id),
  ]);
  const current = new Map<string, number>(
    versions.map((v: { id: string; version: number }) => [v.id, v.version]),
  );
  const floor = await loopLoad(
    (i) =>
      withDbSession(app, {}, async (session) => {
        const db = await session.manager();
        const w = writers[i];
        await applySettings(db, settings[i]);
        const version = current.get(w.id)!;
        const updated = await db.query(
          `UPDATE assignment SET progress = $3, version = version + 1, updated_at = now() WHERE id = $1 AND version = $2
           RETURNING consortium_id, comune_id, status`,
          [w.id, version, 10 + Math.floor(Math.random() * 80)],
        );
        // TypeORM answers an UPDATE ... RETURNING with [rows, affected].
        const [row] = Array.isArray(updated[0]) ? updated[0] : updated;
        if (!row) return false;
        await db.query(
          `INSERT INTO status_event (consortium_id, comune_id, assignment_id, from_status, to_status, progress, actor_subject)
           VALUES ($1, $2, $3, $4, $4, 50, $5)`,
          [row.consortium_id, row.comune_id, w.id, row.status, w.fiscal_code],
        );
        await db.query(
          `INSERT INTO audit_log (consortium_id, comune_id, actor_subject, action, entity_type, entity_id)
           VALUES ($1, $2, $3, 'assignment.update', 'Assignment', $4)`,
          [row.consortium_id, row.comune_id, w.fiscal_code, w.id],
        );
        current.set(w.id, version + 1);
        return true;
      }),
    writers.length,
    load,
  );
  return {
    id: 'E',
    title: `Scritture: ${writers.length} referenti aggiornano l'avanzamento in parallelo`,
    ways: { api, floor },
    extra: { conflicts },
  };
}

/** Case D: one objective published to a consortium of all 7,904 municipalities, until its push run is DONE. */
async function fanOut(
  owner: DataSource,
  sign: ReturnType<typeof signer>,
  apiUrl: string,
): Promise<CaseResult> {
  const saved: { consortium_id: string; comune_id: string }[] = await owner.query(
    `SELECT consortium_id, comune_id FROM consortium_member`,
  );
  const [national] = await owner.query(
    `INSERT INTO consortium (name, created_by) VALUES ('Consorzio nazionale (bench ' || now() || ')', 'bench') RETURNING id`,
  );
  const [person] = await owner.query(
    `SELECT fiscal_code, id FROM person WHERE fiscal_code LIKE 'BNCRTD%' ORDER BY fiscal_code LIMIT 1`,
  );
  try {
    await owner.query(`DELETE FROM consortium_member`);
    await owner.query(`INSERT INTO consortium_member (consortium_id, comune_id) SELECT $1, id FROM comune`, [
      national.id,
    ]);
    await owner.query(
      `INSERT INTO membership (person_id, role, consortium_id, granted_by) VALUES ($1, 'CONSORTIUM_RTD', $2, 'bench')`,
      [person.id, national.id],
    );
    const token = await sign.person(person.fiscal_code);
    const call = async (query: string, variables: Record<string, unknown>) => {
      const response = await fetch(apiUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as {
        data: Record<string, { id: string; state: string; created: number }>;
        errors?: unknown;
      };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data;
    };
    const objective = (
      await call(
        `mutation($input: CreateSharedObjectiveInput!) { createSharedObjective(input: $input) { id } }`,
        {
          input: {
            consortiumId: national.id,
            title: 'Fan-out nazionale',
            edition: '2022-2024',
            lineCodes: ['CAP1.PA.LA20'],
            target: { all: true },
          },
        },
      )
    ).createSharedObjective;
    const started = performance.now();
    const run = (
      await call(`mutation($id: ID!) { publishSharedObjective(id: $id) { id } }`, { id: objective.id })
    ).publishSharedObjective;
    let state: { state: string; created: number } = { state: 'QUEUED', created: 0 };
    while (state.state !== 'DONE' && state.state !== 'FAILED' && performance.now() - started < 300_000) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      state = (await call(`query($id: ID!) { pushRun(id: $id) { state created } }`, { id: run.id })).pushRun;
    }
    const seconds = (performance.now() - started) / 1000;
    // The floor: the fan-out's insert of all 7,904 assignments and their first history event, as one statement.
    const floorStarted = performance.now();
    await owner
      .transaction(async (db) => {
        const [o] = await db.query(
          `INSERT INTO shared_objective (consortium_id, title, edition_code, target, created_by, state, published_at)
        VALUES ($1, 'floor', '2022-2024', '{"all": true}', 'bench', 'PUBLISHED', now()) RETURNING id`,
          [national.id],
        );
        await db.query(
          `WITH created AS (INSERT INTO assignment (consortium_id, comune_id, objective_id)
          SELECT $1, comune_id, $2 FROM consortium_member WHERE consortium_id = $1 RETURNING id, comune_id)
        INSERT INTO status_event (consortium_id, comune_id, assignment_id, to_status, progress, actor_subject)
        SELECT $1, comune_id, id, 'NOT_STARTED', 0, 'bench' FROM created`,
          [national.id, o.id],
        );
        throw new RollbackFloor();
      })
      .catch((error: unknown) => {
        if (!(error instanceof RollbackFloor)) throw error;
      });
    const floorSeconds = (performance.now() - floorStarted) / 1000;
    const measure = (s: number): Measure => ({
      requests: 1,
      errors: 0,
      rps: round(state.created / s),
      p50: round(s * 1000),
      p99: round(s * 1000),
      seconds: round(s),
    });
    return {
      id: 'D',
      title: 'Fan-out: pubblicazione a un consorzio di 7.904 comuni fino a DONE',
      ways: { api: measure(seconds), floor: measure(floorSeconds) },
      extra: {
        created: state.created,
        state: state.state,
        seconds: round(seconds),
        assignmentsPerSecond: round(state.created / seconds),
      },
    };
  } finally {
    await owner.query(`DELETE FROM consortium_member`);
    await owner.query(
      `INSERT INTO consortium_member (consortium_id, comune_id) SELECT * FROM unnest($1::uuid[], $2::uuid[])`,
      [saved.map((s) => s.consortium_id), saved.map((s) => s.comune_id)],
    );
    // The bench database is disposable: its owner lifts the append-only guard to remove this run's history.
    await owner.transaction(async (db) => {
      await db.query(`ALTER TABLE status_event DISABLE TRIGGER status_event_append_only`);
      await db.query(`DELETE FROM consortium WHERE id = $1`, [national.id]);
      await db.query(`ALTER TABLE status_event ENABLE TRIGGER status_event_append_only`);
    });
  }
}

class RollbackFloor extends Error {}

function rssMb(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

async function waitFor(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${url}: process exited with ${child.exitCode}`);
    try {
      // Any HTTP answer means the server listens (GraphQL endpoints refuse a bare GET).
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

main().catch((error: unknown) => {
  console.error(`bench non riuscito: ${error instanceof Error ? error.stack : String(error)}`);
  process.exitCode = 1;
});
