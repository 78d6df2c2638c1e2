import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { JWK } from 'jose';
import { DataSource } from 'typeorm';
import { ComplianceGroupBy, complianceSummarySql } from '@rtd/compliance';
import { AccessLoader, IdentityRepository, sessionSettingsForToken, TokenVerifier } from '@rtd/identity';
import { applySettings, SessionSettings, withDbSession } from '@rtd/kernel';
import { appDataSource, ownerDataSource } from '@rtd/platform';
import { API_NODE_FLAGS } from '../../../apps/api/src/heap';
import { generateSigningKeys } from '../../../apps/dev-idp/src/signing-key';
import { benchConfig } from './bench-config';
import { READS_PER_WRITE, RlsTaxRow, rlsTax } from './cold-and-rls';
import { coldSummary } from './cold-summary';
import { API_QUERIES, installBenchFunction, pickFixtures, signer, worklistSql } from './fixtures';
import { httpLoad, LoadOptions, loopLoad, round } from './measure';
import { POSTGRAPHILE_QUERIES } from './postgraphile/queries';
import { cpuWindow, rssMb, waitFor } from './processes';
import { CaseResult, markdown, Report } from './report';
import { BENCH_OBSERVER, seedNationalData } from './seed';
import { fanOut, writeMix } from './write-cases';

const ROOT = path.resolve(__dirname, '../../../..');
const DIST = path.join(ROOT, 'dist');
/**
 * The load levels of cases A, B, C, A-cold and E: 50 connections (the throughput targets), then 10
 * (the latency target), with shorter windows at 10 to keep the full run near 20 minutes.
 */
const LEVELS = (quick: boolean) => [
  { connections: 50, ...(quick ? { seconds: 4, warmupSeconds: 1 } : { seconds: 20, warmupSeconds: 5 }) },
  { connections: 10, ...(quick ? { seconds: 3, warmupSeconds: 1 } : { seconds: 10, warmupSeconds: 3 }) },
];
/** Database connections per server (and for the floor): PostgreSQL allows 100 in all on this machine. */
const POOL = 15;

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
  const levels = LEVELS(quick);
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
  // BENCH_PORT_BASE moves the three ports (two benches on one machine would answer each other's calls).
  const base = Number(process.env.BENCH_PORT_BASE || 4100);
  const ports = { idp: base + 1, api: base, postgraphile: base + 2 };
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
    const postgraphile = await start(
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
    // CPU per request of each way's server process: the API's, PostGraphile's, and for the floor
    // the bench's own (the pg client and the loop that calls it: the floor has no server).
    const cpu = {
      api: cpuWindow(api.pid),
      postgraphile: cpuWindow(postgraphile.pid),
      floor: cpuWindow(process.pid),
    };
    for (const c of cases.filter(({ id }) => runs(id))) {
      for (const level of levels) {
        const { connections } = level;
        log(`caso ${c.id}, ${connections} connessioni: API`);
        casePeakRssMb = 0;
        const headers = { authorization: `Bearer ${c.token}` };
        const result: CaseResult = { id: c.id, connections, title: c.title, ways: {} };
        const apiLoad: LoadOptions = { ...level, cpu: cpu.api };
        result.ways.api = await httpLoad(
          apiUrl,
          { query: API_QUERIES[c.id], variables: c.variables },
          headers,
          apiLoad,
        );
        log(`caso ${c.id}, ${connections} connessioni: PostGraphile`);
        const pgQuery = POSTGRAPHILE_QUERIES[`case${c.id}` as 'caseA' | 'caseB' | 'caseC'];
        const pgLoad: LoadOptions = { ...level, cpu: cpu.postgraphile };
        result.ways.postgraphile = await httpLoad(
          pgUrl,
          { query: pgQuery, variables: c.variables },
          headers,
          pgLoad,
        );
        log(`caso ${c.id}, ${connections} connessioni: SQL diretto`);
        if (!(await c.floor())) throw new Error(`caso ${c.id}: the floor's statement finds no row`);
        result.ways.floor = await loopLoad(c.floor, connections, { ...level, cpu: cpu.floor });
        results.push(withPeak(result));
      }
    }

    for (const level of runs('A-cold') ? levels : []) {
      log(`caso A-cold, ${level.connections} connessioni: una scrittura ogni ${READS_PER_WRITE} letture`);
      casePeakRssMb = 0;
      results.push(
        withPeak(
          await coldSummary(owner, app, sign, settingsOf, fixtures, {
            api: { url: apiUrl, token: rtdToken },
            postgraphile: { url: pgUrl, token: rtdToken },
            floor: cases[0].floor,
            level,
            cpu,
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
    for (const level of runs('E') ? levels : []) {
      log(`caso E: scritture concorrenti di ${level.connections} referenti`);
      casePeakRssMb = 0;
      results.push(withPeak(await writeMix(owner, app, sign, apiUrl, settingsOf, level, cpu)));
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
    connections: levels[0].connections,
    method: { pool: POOL, readsPerWrite: READS_PER_WRITE },
    load: { seconds: levels[0].seconds, warmupSeconds: levels[0].warmupSeconds },
    levels,
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

main().catch((error: unknown) => {
  console.error(`bench non riuscito: ${error instanceof Error ? error.stack : String(error)}`);
  process.exitCode = 1;
});
