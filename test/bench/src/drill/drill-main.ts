import 'reflect-metadata';
import { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { cpus, loadavg, totalmem } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { deriveContextKey, signContext } from '@rtd/kernel';
import { API_NODE_FLAGS } from '../../../../apps/api/src/heap';
import { obtainClientToken, obtainPersonToken } from '../../../../apps/dev-idp/src/token-flow';
import {
  Cleanup,
  createPrimary,
  createStandby,
  ensureHaproxy,
  haproxyConfig,
  haproxyServerStates,
  localPortsOf,
  Log,
  openBase,
  postgresBin,
  sh,
  spawnLogged,
  startCluster,
  stopCluster,
  waitFor,
} from './drill-infra';
import {
  DrillResult,
  KillWindow,
  LagSample,
  markdown,
  RequestKind,
  RequestRecord,
  round,
  summarise,
  summariseLag,
  verdicts,
} from './drill-report';

const ROOT = path.resolve(__dirname, '../../../../..');
const DIST = path.join(ROOT, 'dist');
const LOAD_SECONDS = 60;
const KILL_AT_MS = 30_000;
const RESTART_AFTER_MS = 5_000;
/** The publish starts well before the kill, so that its fan-out (queued through the outbox) is running when the worker dies. */
const PUBLISH_AT_MS = 10_000;
/** The kill waits, past KILL_AT_MS, until a batch of the fan-out is seen running (a loaded machine starts it late), at most until then. */
const KILL_LATEST_MS = 45_000;
const THINK_MS = 100;
const PORTS = {
  primary: 55432,
  standby: 55433,
  redis: 56379,
  haproxy: 56400,
  idp: 56401,
  apis: [56411, 56412],
};
const DATABASE = 'rtd_hub_drill';

/** The demo people and clients of docs/demo-identities.md the drill acts as. */
const REFERENTS = ['MRTNNA70S63D142G', 'CLMSRA80P49G306F', 'MRCLCU78D18H509N', 'GRCMTT85A10L537X'];
const OFFICES = ['FRRGLI75C52D142B', 'GLLMRC88L05D150B', 'RNLCHR82H61G999G'];
const PUBLISHER = 'FRRGLI75C52D142B';
const PORTALS: { who: string; kind: 'client' | 'person'; region: string }[] = [
  { who: 'portale-regione-lombardia', kind: 'client', region: '03' },
  { who: 'portale-regione-toscana', kind: 'client', region: '09' },
  { who: 'RCCDVD77C12F205L', kind: 'person', region: '03' },
];

const BUCKETS = 'key label total completed overdue completionRate';
const Q = {
  update: `mutation($id: ID!, $v: Int!, $p: Int!) { updateAssignment(id: $id, expectedVersion: $v, input: { progress: $p }) { version } }`,
  read: `query($id: ID!) { assignment(id: $id) { version progress } }`,
  office: `query($id: ID!) { complianceSummary(scope: { consortiumId: $id }, groupBy: COMUNE) { ${BUCKETS} } }`,
  portal: `query($r: String!) { complianceSummary(scope: { regionCode: $r }, groupBy: PROVINCE) { ${BUCKETS} } }`,
  create: `mutation($input: CreateSharedObjectiveInput!) { createSharedObjective(input: $input) { id } }`,
  publish: `mutation($id: ID!) { publishSharedObjective(id: $id) { id } }`,
  pushRun: `query($id: ID!) { pushRun(id: $id) { state created } }`,
};

interface Service {
  name: string;
  script: string;
  env: NodeJS.ProcessEnv;
  child: ChildProcess | null;
  /** Options for node itself, before the script. */
  nodeArgs?: readonly string[];
}

/** `npm run drill`: the scale-out drill of issue 14 (docs/topology.md); writes docs/drill.md. */
async function main(): Promise<void> {
  const log: Log = (line) => console.log(`[drill] ${line}`);
  const cleanup = new Cleanup();
  const onSignal = (signal: NodeJS.Signals) => {
    log(`${signal}: fermo tutto quello che ho avviato`);
    void cleanup.runAll(log).finally(() => process.exit(130));
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, onSignal);
  try {
    const result = await drill(log, cleanup);
    const report = markdown(result);
    writeFileSync(path.join(ROOT, 'docs/drill.md'), report);
    console.log(`\n${report}`);
    log('scritto docs/drill.md');
    process.exitCode = verdicts(result).every((v) => v.met) ? 0 : 2;
  } catch (error) {
    console.error(`[drill] non riuscito: ${error instanceof Error ? error.stack : String(error)}`);
    process.exitCode = 1;
  } finally {
    await cleanup.runAll(log);
    log('pulizia fatta: processi, cluster e cartella temporanea rimossi');
  }
}

async function drill(log: Log, cleanup: Cleanup): Promise<DrillResult> {
  const loadBefore = loadavg();
  const haproxy = await ensureHaproxy(log);
  const base = mkdtempSync('/tmp/rtd-drill-');
  cleanup.add('cartella temporanea', () => rmSync(base, { recursive: true, force: true }));
  openBase(base);
  log(`cartella temporanea ${base}`);

  // PostgreSQL: a private primary, the product's setup and demo data, then a streaming standby of it.
  const bin = postgresBin();
  const primary = await createPrimary(log, bin, base, PORTS.primary);
  cleanup.add('primario', () => stopCluster(log, bin, primary));
  await startCluster(log, bin, primary);
  cleanup.check();

  const children: ChildProcess[] = [];
  cleanup.add('processi', () => stopChildren(children));
  const redis = spawnLogged(
    'redis-server',
    ['--port', String(PORTS.redis), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    process.env,
    path.join(base, 'redis.log'),
  );
  children.push(redis);
  await waitForPort(PORTS.redis);

  const pg = (port: number, user = 'postgres', database = DATABASE) =>
    `postgres://${user}@127.0.0.1:${port}/${database}`;
  const dbContextKey = randomBytes(24).toString('hex');
  const issuer = `http://127.0.0.1:${PORTS.idp}`;
  const publicUrl = `http://127.0.0.1:${PORTS.haproxy}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATABASE_URL: pg(PORTS.primary, 'rtd_app'),
    DATABASE_OWNER_URL: pg(PORTS.primary, 'rtd_owner'),
    DATABASE_ADMIN_URL: pg(PORTS.primary, 'postgres', 'postgres'),
    DB_CONTEXT_KEY: dbContextKey,
    DOWNLOAD_LINK_SECRET: randomBytes(24).toString('hex'),
    REDIS_URL: `redis://127.0.0.1:${PORTS.redis}`,
    QUEUE_PREFIX: 'rtd_drill',
    OIDC_ISSUER: issuer,
    OIDC_AUDIENCE: 'rtd-hub-api',
    PUBLIC_URL: publicUrl,
    // The drill's callers are few and fast: the per-person and per-client quotas would throttle them.
    RATE_LIMIT_PERSON: '0',
    RATE_LIMIT_CLIENT: '0',
    RATE_LIMIT_ADDRESS: '0',
    TRUST_PROXY_HOPS: '1',
    // Small batches, so that the fan-out is still running when its worker is killed; a short job
    // lock, so that the other worker takes the job over within seconds rather than 30.
    FAN_OUT_BATCH_SIZE: '25',
    JOB_LOCK_MS: '8000',
    SMTP_URL: 'smtp://127.0.0.1:9',
    // Two APIs and two workers on one machine: each Prometheus endpoint on a free port.
    API_METRICS_PORT: '0',
    WORKER_METRICS_PORT: '0',
  };
  log('schema, dati di riferimento e demo (apps/cli demo:data)');
  await runNode(
    log,
    'apps/cli/src/main.js',
    ['demo:data'],
    { ...env, NODE_ENV: 'development' },
    base,
    children,
  );

  const admin = new Client({ connectionString: pg(PORTS.primary) });
  await admin.connect();
  cleanup.add('connessione al primario', () => admin.end().catch(() => undefined));
  const fixtures = await prepareFixtures(admin);
  log(`consorzio nazionale dell'esercitazione: ${fixtures.nationalMembers} comuni`);

  cleanup.check();
  const standby = await createStandby(log, bin, base, primary, PORTS.standby);
  cleanup.add('standby', () => stopCluster(log, bin, standby));
  cleanup.check();
  await startCluster(log, bin, standby);
  cleanup.check();
  await waitStreaming(admin);
  const replicaCheck = await checkContextOnStandby(pg(PORTS.standby, 'rtd_app'), dbContextKey);
  log(`app_set_context sullo standby, in una transazione di sola lettura: ${replicaCheck}`);

  // The services: the development provider, two APIs (the replica for regional aggregates), two workers, HAProxy.
  const start = (service: Service) => {
    cleanup.check();
    service.child = spawnLogged(
      process.execPath,
      [...(service.nodeArgs ?? []), path.join(DIST, service.script)],
      service.env,
      path.join(base, `${service.name}.log`),
    );
    children.push(service.child);
    return service.child;
  };
  const idp: Service = {
    name: 'dev-idp',
    script: 'apps/dev-idp/src/main.js',
    env: { ...env, NODE_ENV: 'development', DEV_IDP_PORT: String(PORTS.idp), DEV_IDP_ISSUER: issuer },
    child: null,
  };
  /** Waits until the service answers; if it does not, its log's last lines say why. */
  const ready = async (service: Service, url: string) => {
    try {
      await waitFor(url, start(service));
    } catch (error) {
      const lines = readFileSync(path.join(base, `${service.name}.log`), 'utf8')
        .trim()
        .split('\n');
      for (const line of lines.slice(-15)) log(`  ${service.name}: ${line.slice(0, 400)}`);
      throw error;
    }
  };
  await ready(idp, `${issuer}/.well-known/openid-configuration`);
  const apis: Service[] = PORTS.apis.map((port, i) => ({
    name: `api-${i + 1}`,
    script: 'apps/api/src/main.js',
    nodeArgs: API_NODE_FLAGS,
    env: {
      ...env,
      PORT: String(port),
      DATABASE_POOL_SIZE: '10',
      DATABASE_REPLICA_URL: pg(PORTS.standby, 'rtd_app'),
    },
    child: null,
  }));
  const workers: Service[] = [1, 2].map((i) => ({
    name: `worker-${i}`,
    script: 'apps/worker/src/main.js',
    env: { ...env, DATABASE_POOL_SIZE: '4', WORKER_HEARTBEAT_FILE: path.join(base, `worker-${i}.heartbeat`) },
    child: null,
  }));
  for (const [i, api] of apis.entries()) await ready(api, `http://127.0.0.1:${PORTS.apis[i]}/health/ready`);
  for (const worker of workers) start(worker);
  // A worker is up once its outbox relay listens (on a loaded machine, tens of seconds after it starts).
  await Promise.all(workers.map((worker) => waitForRelay(admin, worker.child!)));
  const haproxyFile = path.join(base, 'haproxy.cfg');
  writeFileSync(
    haproxyFile,
    haproxyConfig(
      PORTS.haproxy,
      apis.map((api, i) => ({ name: api.name, port: PORTS.apis[i] })),
      path.join(base, 'haproxy.sock'),
    ),
  );
  await sh(log, haproxy, ['-c', '-f', haproxyFile]);
  cleanup.check();
  const proxy = spawnLogged(haproxy, ['-db', '-f', haproxyFile], process.env, path.join(base, 'haproxy.log'));
  children.push(proxy);
  const url = `http://127.0.0.1:${PORTS.haproxy}`;
  await waitFor(`${url}/health/ready`, proxy);
  log(`pronti: HAProxy ${url} -> ${apis.map((a) => a.name).join(', ')}; ${workers.length} worker`);

  // Tokens through the development provider's own flows, once per person or client.
  const tokens = new Map<string, string>();
  for (const who of new Set([...REFERENTS, ...OFFICES, PUBLISHER]))
    tokens.set(who, await obtainPersonToken(issuer, who));
  for (const portal of PORTALS)
    tokens.set(
      portal.who,
      portal.kind === 'client'
        ? await obtainClientToken(issuer, portal.who)
        : await obtainPersonToken(issuer, portal.who),
    );

  const writers = await pickWriters(admin);
  log(
    `carico: ${writers.length} scrittori, ${OFFICES.length} uffici, ${PORTALS.length} portali per ${LOAD_SECONDS} s`,
  );

  const records: RequestRecord[] = [];
  const t0 = performance.now();
  const now = () => performance.now() - t0;
  const call = async (
    kind: RequestKind,
    token: string,
    query: string,
    variables: Record<string, unknown>,
    // The API draws each request's id (X-Request-Id of the answer, request_id of its history row).
    onRequestId?: (id: string) => void,
  ): Promise<Record<string, unknown> | null> => {
    const start = now();
    const record: RequestRecord = { kind, start, end: start, outcome: 'failed' };
    records.push(record);
    try {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
        },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(30_000),
      });
      const body = (await response.json().catch(() => null)) as {
        data?: Record<string, unknown> | null;
        errors?: { message?: string; extensions?: { code?: string } }[];
      } | null;
      record.end = now();
      onRequestId?.(response.headers.get('x-request-id') ?? '');
      const code = body?.errors?.[0]?.extensions?.code;
      if (response.status === 200 && body?.data && !body.errors) {
        record.outcome = 'ok';
        return body.data;
      }
      if (code === 'CONFLICT') record.outcome = 'conflict';
      else if (code === 'INTERNAL_SERVER_ERROR') record.reason = `${code} (${body?.errors?.[0]?.message})`;
      else record.reason = code ?? `HTTP ${response.status}`;
      return null;
    } catch (error) {
      record.end = now();
      const cause = (error as { cause?: { code?: string } }).cause;
      record.reason = cause?.code ?? (error as Error).name;
      return null;
    }
  };

  const end = LOAD_SECONDS * 1000;
  const pause = () => new Promise((resolve) => setTimeout(resolve, THINK_MS));
  const acked: { id: string; version: number; requestId: string }[] = [];
  let stale = 0;
  const writerLoop = async (w: (typeof writers)[number]) => {
    const token = tokens.get(w.fiscalCode)!;
    let version = w.version;
    let progress = w.progress;
    while (now() < end) {
      progress = (progress % 99) + 1;
      let requestId = '';
      const data = await call('write', token, Q.update, { id: w.id, v: version, p: progress }, (id) => {
        requestId = id;
      });
      const written = (data?.updateAssignment as { version: number } | undefined)?.version;
      if (written !== undefined) {
        version = written;
        acked.push({ id: w.id, version, requestId });
        const back = (await call('own-read', token, Q.read, { id: w.id }))?.assignment as
          { version: number } | undefined;
        if (back && back.version < version) stale++;
      } else {
        // A refused or cut write: read the version again (a cut write may have committed).
        const back = (await call('own-read', token, Q.read, { id: w.id }))?.assignment as
          { version: number } | undefined;
        if (back) version = back.version;
      }
      await pause();
    }
  };
  const officeLoop = async (who: string) => {
    const consortiumId = who === 'RNLCHR82H61G999G' ? fixtures.consortiumB : fixtures.consortiumA;
    while (now() < end) {
      await call('office', tokens.get(who)!, Q.office, { id: consortiumId });
      await pause();
    }
  };
  const portalLoop = async (portal: (typeof PORTALS)[number]) => {
    while (now() < end) {
      await call('portal', tokens.get(portal.who)!, Q.portal, { r: portal.region });
      await pause();
    }
  };

  // Replication lag, sampled every second from both ends.
  const standbyClient = new Client({ connectionString: pg(PORTS.standby) });
  await standbyClient.connect();
  cleanup.add('connessione allo standby', () => standbyClient.end().catch(() => undefined));
  const lag: LagSample[] = [];
  const proxyEvents: string[] = [];
  let proxyStates: Record<string, string> = {};
  const statsSocket = path.join(base, 'haproxy.sock');
  const sampler = setInterval(() => {
    void sampleLag(admin, standbyClient, now())
      .then((sample) => lag.push(sample))
      .catch(() => undefined);
    void haproxyServerStates(statsSocket).then((states) => {
      for (const [server, state] of Object.entries(states)) {
        const was = proxyStates[server];
        if (was !== undefined && was.split(' ')[0] !== state.split(' ')[0])
          proxyEvents.push(`t=${round(now() / 1000)} s: ${server} ${was} -> ${state}`);
      }
      proxyStates = states;
    });
  }, 1000);

  // The publish, the kill and the restart, on a timeline.
  const kill: KillWindow & { api: string; worker: string; workerHadFanOut: boolean | null } = {
    killedAt: 0,
    restartedAt: 0,
    apiBackAt: null,
    api: apis[0].name,
    worker: workers[0].name,
    workerHadFanOut: null,
  };
  let pushRunId: string | null = null;
  let createdAtKill: number | null = null;
  let publishStarted = 0;
  const timeline = (async () => {
    await sleepUntil(now, PUBLISH_AT_MS);
    publishStarted = now();
    const token = tokens.get(PUBLISHER)!;
    const created = (await call('publish', token, Q.create, {
      input: {
        consortiumId: fixtures.national,
        title: 'Esercitazione: pubblicazione durante il guasto',
        edition: '2022-2024',
        lineCodes: ['CAP1.PA.LA20'],
        target: { all: true },
      },
    })) as { createSharedObjective: { id: string } } | null;
    if (!created) throw new Error("la creazione dell'obiettivo dell'esercitazione non è riuscita");
    const run = (await call('publish', token, Q.publish, { id: created.createSharedObjective.id })) as {
      publishSharedObjective: { id: string };
    } | null;
    if (!run) throw new Error("la pubblicazione dell'obiettivo dell'esercitazione non è riuscita");
    pushRunId = run.publishSharedObjective.id;
    // Which worker runs the fan-out: whose database connections are seen inserting its batches.
    const seen = new Map<number, number>();
    while (now() < KILL_LATEST_MS && (now() < KILL_AT_MS || seen.size === 0)) {
      const pid = await fanOutWorkerPid(admin, workers).catch(() => null);
      if (pid) seen.set(pid, (seen.get(pid) ?? 0) + 1);
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    const busiest = [...seen.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
    const holder = workers.find((w) => w.child?.pid === busiest) ?? null;
    const victim = holder ?? workers[0];
    kill.worker = victim.name;
    kill.workerHadFanOut = holder !== null;
    const [progress] = (await admin.query(`SELECT created FROM push_run WHERE id = $1`, [pushRunId])).rows;
    createdAtKill = progress?.created ?? null;
    await sleepUntil(now, KILL_AT_MS);
    kill.killedAt = now();
    apis[0].child?.kill('SIGKILL');
    victim.child?.kill('SIGKILL');
    log(`t=${round(kill.killedAt / 1000)} s: SIGKILL di ${kill.api} e ${kill.worker}`);
    await sleepUntil(now, kill.killedAt + RESTART_AFTER_MS);
    kill.restartedAt = now();
    start(apis[0]);
    start(victim);
    log(`t=${round(kill.restartedAt / 1000)} s: ${kill.api} e ${kill.worker} riavviati`);
    await waitFor(`http://127.0.0.1:${PORTS.apis[0]}/health/ready`, apis[0].child, 150_000)
      .then(() => (kill.apiBackAt = now()))
      .catch(() => undefined);
  })();

  await Promise.all([
    ...writers.map(writerLoop),
    ...OFFICES.map(officeLoop),
    ...PORTALS.map(portalLoop),
    timeline,
  ]);
  clearInterval(sampler);
  log(`carico finito; richieste: ${records.length}`);

  // After the run: the publish must finish, then everything is read back from the primary.
  let state = { state: 'QUEUED', created: 0 };
  const until = Date.now() + 180_000;
  while (pushRunId && !['DONE', 'FAILED'].includes(state.state) && Date.now() < until) {
    const data = (await call('publish', tokens.get(PUBLISHER)!, Q.pushRun, { id: pushRunId })) as {
      pushRun: { state: string; created: number };
    } | null;
    if (data?.pushRun) state = data.pushRun;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const publishSeconds = round((now() - publishStarted) / 1000);
  const [timing] = (
    await admin.query(
      `SELECT extract(epoch FROM started_at - requested_at)::float AS waited FROM push_run WHERE id = $1`,
      [pushRunId],
    )
  ).rows;
  log(`pubblicazione: ${state.state}, ${state.created} assegnazioni`);

  const found = new Set<string>(
    (
      await admin.query(`SELECT request_id FROM status_event WHERE request_id = ANY($1::text[])`, [
        acked.map((a) => a.requestId),
      ])
    ).rows.map((r: { request_id: string }) => r.request_id),
  );
  const versions = new Map<string, number>(
    (
      await admin.query(`SELECT id, version FROM assignment WHERE id = ANY($1::uuid[])`, [
        [...new Set(acked.map((a) => a.id))],
      ])
    ).rows.map((r: { id: string; version: number }) => [r.id, r.version]),
  );
  const missing = acked.filter(
    (a) => !found.has(a.requestId) || (versions.get(a.id) ?? -1) < a.version,
  ).length;
  const [dup] = (
    await admin.query(
      `SELECT count(*)::int AS n, count(DISTINCT (a.objective_id, a.comune_id))::int AS d
         FROM assignment a JOIN push_run r ON r.objective_id = a.objective_id WHERE r.id = $1`,
      [pushRunId],
    )
  ).rows;

  for (const service of [...apis, ...workers]) {
    const errors = readFileSync(path.join(base, `${service.name}.log`), 'utf8')
      .split('\n')
      .filter((line) => /"level":(50|60)/.test(line));
    log(`${service.name}: ${errors.length} righe di errore nel log`);
    for (const line of errors.slice(0, 3)) {
      const entry = JSON.parse(line) as { msg?: string; err?: { type?: string; message?: string } };
      log(`  ${entry.msg ?? ''} ${entry.err?.type ?? ''}: ${entry.err?.message ?? ''}`.slice(0, 400));
    }
  }

  return {
    date: new Date().toISOString(),
    seconds: LOAD_SECONDS,
    machine: {
      cores: cpus().length,
      cpu: cpus()[0]?.model ?? 'n/d',
      memoryGb: round(totalmem() / 2 ** 30),
      loadBefore: loadBefore.map((l) => round(l)),
    },
    topology: [
      `PostgreSQL ${bin.split('/').at(-2)} primary (initdb, port ${PORTS.primary}, wal_level=replica) and a streaming hot standby (pg_basebackup -R, port ${PORTS.standby}), private clusters in a temp directory; app_set_context on the standby in a read-only transaction: ${replicaCheck}.`,
      `Redis: a private redis-server on port ${PORTS.redis} (BullMQ queues, rate-limit counters, rights-cache invalidation).`,
      `Two API processes (ports ${PORTS.apis.join(', ')}), each with DATABASE_REPLICA_URL pointing at the standby (a region's complianceSummary reads there; everything else on the primary), behind HAProxy (port ${PORTS.haproxy}, round robin, health check /health/ready every 2 s, every 500 ms once one failed, down after 3 failures; retry on connection failure only).`,
      `Two workers (outbox relay and jobs; FAN_OUT_BATCH_SIZE=25, JOB_LOCK_MS=8000) and the development OIDC provider, whose login and client-credentials flows gave every caller a real token once at start.`,
      `Load: ${writers.length} referent loops each updating the progress of its own assignment (each acknowledged write then read back through HAProxy), ${OFFICES.length} office loops reading their consortium's summary by comune, ${PORTALS.length} portal loops reading a region by province (two machine clients, one person observer); ${THINK_MS} ms between requests of a loop. The publish targets the ${fixtures.nationalMembers} comuni of a consortium made for the drill.`,
    ],
    kill,
    proxyEvents,
    kinds: summarise(records, kill),
    writes: { acknowledged: acked.length, missing, readYourWritesStale: stale },
    publish: {
      expected: fixtures.nationalMembers,
      created: dup?.d ?? 0,
      duplicates: (dup?.n ?? 0) - (dup?.d ?? 0),
      state: state.state,
      seconds: publishSeconds,
      createdAtKill,
      startedAfterSeconds: timing?.waited == null ? null : round(timing.waited),
    },
    lag: summariseLag(lag),
  };
}

interface Fixtures {
  consortiumA: string;
  consortiumB: string;
  national: string;
  nationalMembers: number;
}

/**
 * The demo tenants, plus a consortium of every comune no demo consortium holds, whose RTD is the
 * demo RTD of tenant A: the publish to it is long enough to be running when its worker dies.
 */
async function prepareFixtures(admin: Client): Promise<Fixtures> {
  const consortium = async (fiscalCode: string) =>
    (
      await admin.query(
        `SELECT m.consortium_id AS id FROM membership m JOIN person p ON p.id = m.person_id
          WHERE p.fiscal_code = $1 AND m.role = 'CONSORTIUM_RTD' AND m.revoked_at IS NULL LIMIT 1`,
        [fiscalCode],
      )
    ).rows[0].id as string;
  const consortiumA = await consortium('FRRGLI75C52D142B');
  const consortiumB = await consortium('RNLCHR82H61G999G');
  const [national] = (
    await admin.query(
      `INSERT INTO consortium (name, created_by) VALUES ('Consorzio nazionale (esercitazione)', 'drill') RETURNING id`,
    )
  ).rows;
  const members = await admin.query(
    `INSERT INTO consortium_member (consortium_id, comune_id)
     SELECT $1, c.id FROM comune c WHERE NOT EXISTS (SELECT 1 FROM consortium_member m WHERE m.comune_id = c.id)`,
    [national.id],
  );
  await admin.query(
    `INSERT INTO membership (person_id, role, consortium_id, granted_by)
     SELECT id, 'CONSORTIUM_RTD', $1, 'drill' FROM person WHERE fiscal_code = $2`,
    [national.id, PUBLISHER],
  );
  return { consortiumA, consortiumB, national: national.id, nationalMembers: members.rowCount ?? 0 };
}

/** Up to three open assignments of each demo referent's comune, one writer loop each. */
async function pickWriters(admin: Client) {
  const { rows } = await admin.query(
    `SELECT x.id, x.version, x.progress, x.fiscal_code AS "fiscalCode" FROM (
       SELECT a.id, a.version, a.progress, p.fiscal_code,
              row_number() OVER (PARTITION BY p.fiscal_code ORDER BY a.id) AS n
         FROM assignment a
         JOIN shared_objective o ON o.id = a.objective_id AND o.state = 'PUBLISHED'
         JOIN membership m ON m.comune_id = a.comune_id AND m.role = 'COMUNE_REFERENT' AND m.revoked_at IS NULL
         JOIN person p ON p.id = m.person_id
        WHERE p.fiscal_code = ANY($1) AND a.status IN ('NOT_STARTED', 'IN_PROGRESS', 'REJECTED')
     ) x WHERE x.n <= 3`,
    [REFERENTS],
  );
  if (rows.length === 0) throw new Error('nessuna assegnazione aperta dei referenti demo');
  return rows as { id: string; version: number; progress: number; fiscalCode: string }[];
}

/** The worker process whose database connection is running a batch of the fan-out right now, if any. */
async function fanOutWorkerPid(admin: Client, workers: Service[]): Promise<number | null> {
  const pids = workers.map((w) => w.child?.pid).filter((pid): pid is number => pid !== undefined);
  const owners = await localPortsOf(pids, PORTS.primary);
  const { rows } = await admin.query(
    `SELECT client_port FROM pg_stat_activity
      WHERE datname = $1 AND client_port = ANY($2::int[]) AND state <> 'idle'
        AND query ~* '(insert into assignment|push_run)'`,
    [DATABASE, [...owners.keys()]],
  );
  return rows[0] ? (owners.get(rows[0].client_port) ?? null) : null;
}

async function sampleLag(primary: Client, standby: Client, at: number): Promise<LagSample> {
  const [p] = (
    await primary.query(
      `SELECT extract(epoch FROM replay_lag) * 1000 AS lag,
              pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::bigint AS bytes
         FROM pg_stat_replication LIMIT 1`,
    )
  ).rows;
  const [s] = (
    await standby.query(`SELECT extract(epoch FROM now() - pg_last_xact_replay_timestamp()) * 1000 AS since`)
  ).rows;
  return {
    at,
    replayLagMs: p?.lag == null ? null : Number(p.lag),
    bytesBehind: Number(p?.bytes ?? 0),
    sinceLastReplayMs: s?.since == null ? null : Number(s.since),
  };
}

async function waitStreaming(admin: Client): Promise<void> {
  for (let i = 0; i < 120; i++) {
    const { rows } = await admin.query(`SELECT 1 FROM pg_stat_replication WHERE state = 'streaming'`);
    if (rows.length > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('lo standby non replica dal primario dopo 60 s');
}

/**
 * The signed context works on the standby: no temporary table can be written there, so
 * app_set_context keeps only the signed settings (set_config, allowed in a read-only transaction)
 * and app_context() checks their signature (migrations/1764000285000-verified-context-once.ts).
 */
async function checkContextOnStandby(url: string, secret: string): Promise<string> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN READ ONLY');
    const [context, mac] = signContext(deriveContextKey(secret), { 'app.regions': '03' });
    await client.query('SELECT app_set_context($1, $2)', [context, mac]);
    const { rows } = await client.query(
      `SELECT app_context() ->> 'app.regions' AS regions, pg_is_in_recovery() AS standby`,
    );
    await client.query('ROLLBACK');
    if (rows[0].regions !== '03' || rows[0].standby !== true) throw new Error(JSON.stringify(rows[0]));
    return 'ok';
  } finally {
    await client.end();
  }
}

/** Runs a script of dist to its end, its output in a log file; prints the last lines (all of them on failure). */
async function runNode(
  log: Log,
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  base: string,
  children: ChildProcess[],
): Promise<void> {
  const logFile = path.join(base, `${path.basename(script, '.js')}-${args[0]}.log`);
  const child = spawnLogged(process.execPath, [path.join(DIST, script), ...args], env, logFile);
  children.push(child);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const lines = readFileSync(logFile, 'utf8').trim().split('\n');
  for (const line of code === 0 ? lines.slice(-3) : lines) log(`  ${line.slice(0, 300)}`);
  if (code !== 0) throw new Error(`${script} ${args.join(' ')} è uscito con ${code}`);
}

async function stopChildren(children: ChildProcess[]): Promise<void> {
  const alive = children.filter((c) => c.exitCode === null && c.signalCode === null);
  for (const child of alive) child.kill('SIGTERM');
  await Promise.race([
    Promise.all(alive.map((c) => new Promise((resolve) => c.once('exit', resolve)))),
    new Promise((resolve) => setTimeout(resolve, 8000)),
  ]);
  for (const child of alive) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

async function waitForPort(port: number, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`la porta ${port} non risponde dopo ${timeoutMs / 1000} s`);
}

/** Waits until the worker's outbox relay has its LISTEN connection to the primary: the worker is up. */
async function waitForRelay(admin: Client, child: ChildProcess, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`il worker è uscito con ${child.exitCode}`);
    const ports = [...(await localPortsOf([child.pid!], PORTS.primary)).keys()];
    const { rows } = await admin.query(
      `SELECT 1 FROM pg_stat_activity WHERE client_port = ANY($1::int[]) AND query ILIKE 'LISTEN%'`,
      [ports],
    );
    if (rows.length > 0) return;
    if (Date.now() > until) throw new Error(`il worker non ascolta l'outbox dopo ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

function sleepUntil(now: () => number, at: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, at - now())));
}

main();
