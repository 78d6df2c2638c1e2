import 'reflect-metadata';
import { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { API_NODE_FLAGS } from '../../../../apps/api/src/heap';
import { obtainPersonToken } from '../../../../apps/dev-idp/src/token-flow';
import {
  Cleanup,
  createPrimary,
  Log,
  openBase,
  postgresBin,
  postgresDir,
  spawnLogged,
  startCluster,
  stopCluster,
  waitFor,
} from './drill-infra';
import { drillPgbackrestConfig } from './restore-config';
import { AckedWrite, checkWrites, markdown, RestoreResult, verdicts } from './restore-report';
import {
  checkRestored,
  Fixtures,
  metricsThroughPrometheus,
  prepareFixtures,
  snapshotAtTarget,
} from './restore-checks';
import {
  backupsOf,
  ensureBinary,
  graphql,
  pgbackrest,
  pgbackrestVersion,
  runBackupScript,
  waitPromoted,
} from './restore-steps';

const ROOT = path.resolve(__dirname, '../../../../..');
const DIST = path.join(ROOT, 'dist');
const DATABASE = 'rtd_hub_restore';
const PORTS = {
  primary: 55442,
  redis: 56381,
  idp: 56402,
  api: 56421,
  apiMetrics: 56491,
  workerMetrics: 56492,
  prometheus: 56490,
};
/** Seconds of writes before the incremental backup, during it, and after it until the damage. */
const PHASE_SECONDS = { beforeIncremental: 12, afterIncremental: 12, afterTarget: 3 };
const THINK_MS = 100;
const UPDATE = `mutation($id: ID!, $v: Int!, $p: Int!) { updateAssignment(id: $id, expectedVersion: $v, input: { progress: $p }) { version } }`;

interface Stack {
  base: string;
  bin: string;
  config: string;
  env: NodeJS.ProcessEnv;
  children: ChildProcess[];
  /** The API and the worker: stopped when the damage is found, started again on the restored database. */
  services: ChildProcess[];
  primary: Awaited<ReturnType<typeof createPrimary>>;
  start(
    name: string,
    script: string,
    options?: { env?: NodeJS.ProcessEnv; args?: string[]; nodeArgs?: readonly string[] },
  ): ChildProcess;
}

/** `npm run drill:restore`: backups and a point-in-time restore on private clusters; writes docs/drill-restore.md. */
async function main(): Promise<void> {
  const log: Log = (line) => console.log(`[drill:restore] ${line}`);
  const cleanup = new Cleanup();
  const onSignal = (signal: NodeJS.Signals) => {
    log(`${signal}: fermo tutto quello che ho avviato`);
    void cleanup.runAll(log).finally(() => process.exit(130));
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, onSignal);
  try {
    const result = await drill(log, cleanup);
    const report = markdown(result);
    writeFileSync(path.join(ROOT, 'docs/drill-restore.md'), report);
    console.log(`\n${report}`);
    log('scritto docs/drill-restore.md');
    process.exitCode = verdicts(result).every((v) => v.met) ? 0 : 2;
  } catch (error) {
    console.error(`[drill:restore] non riuscito: ${error instanceof Error ? error.stack : String(error)}`);
    process.exitCode = 1;
  } finally {
    await cleanup.runAll(log);
    log('pulizia fatta: processi, cluster, repository e cartella temporanea rimossi');
  }
}

async function drill(log: Log, cleanup: Cleanup): Promise<RestoreResult> {
  const loadBefore = loadavg();
  if (!(await ensureBinary(log, 'pgbackrest', 'pgbackrest')))
    throw new Error('pgbackrest non è installato: apt-get install -y pgbackrest (da root)');
  const prometheus = await ensureBinary(log, 'prometheus', 'prometheus');
  const stack = await setUp(log, cleanup);
  const t0 = Date.now();
  const timeline: RestoreResult['timeline'] = [];
  const mark = (what: string) => {
    timeline.push({ at: (Date.now() - t0) / 1000, what });
    log(what);
  };
  const pg = (user = 'postgres', database = DATABASE) =>
    `postgres://${user}@127.0.0.1:${PORTS.primary}/${database}`;

  // The full backup, with the script of deploy/ (as cron runs it).
  const textfiles = postgresDir(path.join(stack.base, 'textfile'));
  const script = path.join(ROOT, 'deploy/pgbackrest/rtd-backup');
  await runBackupScript(log, script, 'full', stack.config, textfiles);
  mark('full backup (deploy/pgbackrest/rtd-backup full)');

  const admin = new Client({ connectionString: pg() });
  await admin.connect();
  cleanup.add('connessione al primario', () => admin.end().catch(() => undefined));
  await admin.query(`SET TIME ZONE 'UTC'`);
  const fixtures = await prepareFixtures(admin);
  const tokens = new Map<string, string>();
  for (const who of new Set([...fixtures.writers.map((w) => w.fiscalCode), ...fixtures.checkers]))
    tokens.set(who, await obtainPersonToken(`http://127.0.0.1:${PORTS.idp}`, who));

  // Writes through the API, each acknowledged with its own request id, until told to stop.
  const acked: AckedWrite[] = [];
  let failed = 0;
  let stop = false;
  const api = `http://127.0.0.1:${PORTS.api}`;
  const writer = async (w: Fixtures['writers'][number]) => {
    let { version, progress } = w;
    while (!stop) {
      progress = (progress % 99) + 1;
      let requestId = '';
      const sentAt = Date.now();
      const written = await graphql(
        api,
        tokens.get(w.fiscalCode)!,
        UPDATE,
        { id: w.id, v: version, p: progress },
        (id) => (requestId = id),
      );
      const next = (written?.updateAssignment as { version?: number } | undefined)?.version;
      if (next !== undefined) {
        version = next;
        acked.push({ requestId, assignmentId: w.id, version, sentAt, ackedAt: Date.now() });
      } else failed++;
      await new Promise((resolve) => setTimeout(resolve, THINK_MS));
    }
  };
  const sleep = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  mark(`writes: ${fixtures.writers.length} referent loops update their assignments through the API`);
  const load = Promise.all(fixtures.writers.map(writer));
  await sleep(PHASE_SECONDS.beforeIncremental);
  mark(`incremental backup while the writes go on (${acked.length} acknowledged so far)`);
  await runBackupScript(log, script, 'incr', stack.config, textfiles);
  mark('incremental backup done');
  await sleep(PHASE_SECONDS.afterIncremental);

  // The damage: the target is the instant before it; writes go on a little after it, then the database goes.
  const atTarget = await snapshotAtTarget(admin);
  mark(`recovery target: ${atTarget.iso} (${acked.length} writes acknowledged)`);
  await admin.query('DROP TABLE evidence CASCADE');
  const damage = [
    `${atTarget.iso}: DROP TABLE evidence CASCADE (${atTarget.evidence} evidence rows), as the superuser, while the referents kept writing`,
  ];
  mark('damage: DROP TABLE evidence CASCADE');
  await sleep(PHASE_SECONDS.afterTarget);
  await admin.end();
  const server = new Client({ connectionString: pg('postgres', 'postgres') });
  await server.connect();
  await server.query(`DROP DATABASE ${DATABASE} WITH (FORCE)`);
  await server.end();
  damage.push(
    `${PHASE_SECONDS.afterTarget} s later: DROP DATABASE ${DATABASE} WITH (FORCE): the API's connections cut, every later request failed`,
  );
  mark(`damage: DROP DATABASE ${DATABASE} WITH (FORCE)`);
  await sleep(1);
  stop = true;
  await load;
  // Found out: the WAL of the damage is archived (a forced switch), the services stopped, the data directory goes.
  await pgbackrest(log, stack.config, ['check']);
  mark('pgbackrest check: the current WAL segment switched and archived; API and worker stopped');
  await stopServices(stack.services.splice(0));
  damage.push(
    'then the data directory was deleted (rm -rf), as after the loss of its disk; the restore starts from the repository alone',
  );

  const restoreStarted = Date.now();
  await stopCluster(log, stack.bin, stack.primary);
  rmSync(stack.primary.dataDir, { recursive: true, force: true });
  postgresDir(stack.primary.dataDir);
  mark('restore: data directory deleted; pgbackrest restore --type=time --target-action=promote');
  const restoreOutput = await pgbackrest(log, stack.config, [
    '--type=time',
    `--target=${atTarget.iso}`,
    '--target-action=promote',
    '--log-level-console=detail',
    'restore',
  ]);
  const restoredSet = /restore backup set ([0-9A-Za-z_-]+)/.exec(restoreOutput)?.[1] ?? 'n/d';
  await startCluster(log, stack.bin, stack.primary);
  await waitPromoted(pg('postgres', 'postgres'));
  const databaseSeconds = (Date.now() - restoreStarted) / 1000;
  mark(
    `database restored (backup set ${restoredSet}), WAL replayed to the target and promoted, ${databaseSeconds.toFixed(1)} s after the restore began`,
  );
  startServices(stack);
  await waitFor(`${api}/health/ready`, null, 150_000);
  const serviceSeconds = (Date.now() - restoreStarted) / 1000;
  mark(`API ready on the restored database, ${serviceSeconds.toFixed(1)} s after the restore began`);

  const restored = await checkRestored(pg(), pg('rtd_app'), atTarget, acked, api, tokens, fixtures);
  const prom = prometheus ? await metricsThroughPrometheus(log, stack, prometheus, PORTS, cleanup) : [];
  const backups = await backupsOf(log, stack.config);
  const textfile = readFileSync(path.join(textfiles, 'rtd_backup_incr.prom'), 'utf8');
  const check = checkWrites(acked, atTarget.ms, restored);

  return {
    date: new Date().toISOString(),
    machine: {
      cores: cpus().length,
      cpu: cpus()[0]?.model ?? 'n/d',
      memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
      loadBefore: loadBefore.map((l) => Math.round(l * 100) / 100),
    },
    postgres: `PostgreSQL ${stack.bin.split('/').at(-2)}`,
    pgbackrest: await pgbackrestVersion(),
    topology: [
      `A private PostgreSQL ${stack.bin.split('/').at(-2)} primary (initdb, port ${PORTS.primary}) with WAL archiving to pgBackRest (archive_mode=on, archive_command pgbackrest archive-push, archive_timeout=10 s in the drill, 60 s in production).`,
      `pgBackRest with the production configuration of deploy/pgbackrest/pgbackrest.conf (retention of two full backups, aes-256-cbc encryption, zst compression, asynchronous archiving), only its paths and port moved to a temporary directory; a repository on local disk.`,
      `Backups by deploy/pgbackrest/rtd-backup, as cron runs it; its metrics file for node_exporter: ${textfile.includes('rtd_backup_last_success_timestamp_seconds') ? 'written' : 'MISSING'}.`,
      `Redis (port ${PORTS.redis}), the development OIDC provider (port ${PORTS.idp}), one API (port ${PORTS.api}, metrics ${PORTS.apiMetrics}) and one worker (metrics ${PORTS.workerMetrics}), set up with the product's own demo:data.`,
      `Load: ${fixtures.writers.length} referent loops updating the progress of their own assignments through the API, ${THINK_MS} ms between requests, each write with its own X-Request-Id.`,
    ],
    backups,
    timeline,
    target: { iso: atTarget.iso, restoredSet, ...restored.lastCommit },
    writes: { ...check, total: acked.length, failedRequests: failed },
    damage,
    recovery: { databaseSeconds, serviceSeconds, archiveAgeAtDamageSeconds: atTarget.archiveAgeSeconds },
    audit: restored.auditSummary,
    rls: restored.rls,
    evidence: { before: atTarget.evidence, restored: restored.evidence },
    prometheus: prom,
  };
}

/** The private primary with archiving, the stanza, Redis, the provider, the product's data, the API and the worker. */
async function setUp(log: Log, cleanup: Cleanup): Promise<Stack> {
  const base = mkdtempSync('/tmp/rtd-drill-restore-');
  cleanup.add('cartella temporanea', () => rmSync(base, { recursive: true, force: true }));
  openBase(base);
  log(`cartella temporanea ${base}`);
  const bin = postgresBin();
  const primary = await createPrimary(log, bin, base, PORTS.primary);
  const config = path.join(base, 'pgbackrest.conf');
  writeFileSync(
    config,
    drillPgbackrestConfig(readFileSync(path.join(ROOT, 'deploy/pgbackrest/pgbackrest.conf'), 'utf8'), {
      repo: postgresDir(path.join(base, 'repo')),
      dataDir: primary.dataDir,
      port: PORTS.primary,
      socketDir: base,
      logDir: postgresDir(path.join(base, 'pgbackrest-log')),
      spoolDir: postgresDir(path.join(base, 'spool')),
      lockDir: postgresDir(path.join(base, 'lock')),
      cipherPass: randomBytes(24).toString('base64url'),
    }),
    { mode: 0o644 },
  );
  appendFileSync(
    path.join(primary.dataDir, 'postgresql.conf'),
    [
      '# rtd-hub restore drill: deploy/pgbackrest/postgresql-archiving.conf, archive_timeout shortened',
      'archive_mode = on',
      `archive_command = 'pgbackrest --config=${config} --stanza=rtd archive-push %p'`,
      'archive_timeout = 10',
      '',
    ].join('\n'),
  );
  cleanup.add('primario', () => stopCluster(log, bin, primary));
  await startCluster(log, bin, primary);
  cleanup.check();
  await pgbackrest(log, config, ['stanza-create']);
  await pgbackrest(log, config, ['check']);

  const children: ChildProcess[] = [];
  cleanup.add('processi', () => stopServices(children));
  children.push(
    spawnLogged(
      'redis-server',
      ['--port', String(PORTS.redis), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      process.env,
      path.join(base, 'redis.log'),
    ),
  );
  const pgUrl = (user: string, database = DATABASE) =>
    `postgres://${user}@127.0.0.1:${PORTS.primary}/${database}`;
  const issuer = `http://127.0.0.1:${PORTS.idp}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATABASE_URL: pgUrl('rtd_app'),
    DATABASE_OWNER_URL: pgUrl('rtd_owner'),
    DATABASE_ADMIN_URL: pgUrl('postgres', 'postgres'),
    DB_CONTEXT_KEY: randomBytes(24).toString('hex'),
    DOWNLOAD_LINK_SECRET: randomBytes(24).toString('hex'),
    REDIS_URL: `redis://127.0.0.1:${PORTS.redis}`,
    QUEUE_PREFIX: 'rtd_drill_restore',
    OIDC_ISSUER: issuer,
    OIDC_AUDIENCE: 'rtd-hub-api',
    PUBLIC_URL: `http://127.0.0.1:${PORTS.api}`,
    RATE_LIMIT_PERSON: '0',
    RATE_LIMIT_CLIENT: '0',
    RATE_LIMIT_ADDRESS: '0',
    SMTP_URL: 'smtp://127.0.0.1:9',
    PORT: String(PORTS.api),
    API_METRICS_PORT: String(PORTS.apiMetrics),
    WORKER_METRICS_PORT: String(PORTS.workerMetrics),
  };
  const start: Stack['start'] = (name, script, options = {}) => {
    cleanup.check();
    const child = spawnLogged(
      process.execPath,
      [...(options.nodeArgs ?? []), path.join(DIST, script), ...(options.args ?? [])],
      { ...env, ...options.env },
      path.join(base, `${name}.log`),
    );
    children.push(child);
    return child;
  };
  const setup = start('demo-data', 'apps/cli/src/main.js', {
    env: { NODE_ENV: 'development' },
    args: ['demo:data'],
  });
  const code = await new Promise<number | null>((resolve) => setup.once('exit', resolve));
  if (code !== 0)
    throw new Error(
      `demo:data è uscito con ${code}: ${readFileSync(path.join(base, 'demo-data.log'), 'utf8').slice(-2000)}`,
    );
  const idp = start('dev-idp', 'apps/dev-idp/src/main.js', {
    env: { NODE_ENV: 'development', DEV_IDP_PORT: String(PORTS.idp), DEV_IDP_ISSUER: issuer },
  });
  await waitFor(`${issuer}/.well-known/openid-configuration`, idp);
  const stack: Stack = { base, bin, config, env, children, services: [], primary, start };
  startServices(stack);
  await waitFor(`http://127.0.0.1:${PORTS.api}/health/ready`, null, 150_000);
  return stack;
}

function startServices(stack: Stack): void {
  stack.services.push(
    stack.start('api', 'apps/api/src/main.js', { nodeArgs: API_NODE_FLAGS }),
    stack.start('worker', 'apps/worker/src/main.js', {
      env: { DATABASE_POOL_SIZE: '4', WORKER_HEARTBEAT_FILE: path.join(stack.base, 'worker.heartbeat') },
    }),
  );
}

/** SIGTERM, then SIGKILL after 8 s, to every child still running. */
async function stopServices(children: ChildProcess[]): Promise<void> {
  const alive = children.filter((c) => c.exitCode === null && c.signalCode === null);
  for (const child of alive) child.kill('SIGTERM');
  await Promise.race([
    Promise.all(alive.map((c) => new Promise((resolve) => c.once('exit', resolve)))),
    new Promise((resolve) => setTimeout(resolve, 8000)),
  ]);
  for (const child of alive) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

main();
