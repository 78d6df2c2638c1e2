import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import {
  databaseNameFor,
  destroyStack,
  dropStaleDatabases,
  rememberStack,
  takeStack,
  type WebStack,
} from './support/stack';

/**
 * Starts the whole product exactly as `npm run demo` does (`node dist/apps/cli/src/main.js demo`:
 * migrations, reference and demo data, then dev-mail, dev-idp, API with the built web app and
 * worker), but on a throwaway database, free ports and its own queue prefix, so a running demo or
 * another test run is never touched. `npm run build` must have run (dist/, dist/web).
 *
 * The addresses reach the tests through the environment (workers start after this and inherit it):
 * RTD_WEB_BASE_URL, RTD_MAIL_URL, RTD_IDP_URL and RTD_DATABASE_URL (owner role, to look at data).
 * With RTD_WEB_BASE_URL already set, nothing is started and the tests run against that stack
 * (for instance a `npm run demo` left running: RTD_WEB_BASE_URL=http://127.0.0.1:4000).
 */
const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'dist/apps/cli/src/main.js');
/** The project's Node 24 (the `node` devDependency), even when Playwright was started by another Node. */
const NODE = existsSync(path.join(ROOT, 'node_modules/.bin/node'))
  ? path.join(ROOT, 'node_modules/.bin/node')
  : process.execPath;
const READY = 'RTD Hub è pronto';
const START_TIMEOUT_MS = Number(process.env.RTD_WEB_START_TIMEOUT_MS ?? 120_000);
/** Everything the stack prints, kept for a look after a failure. */
const STACK_LOG = path.join(ROOT, 'test-results/web-stack.log');

/** Several ports at once: each listener stays open until all are known, so no two are the same. */
async function freePorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const server = createServer();
      servers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolve());
      });
    }
    return servers.map((server) => (server.address() as { port: number }).port);
  } finally {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  }
}

/** The same server and role, another database (like `withDatabase` in test/support/test-database.ts). */
function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

export default async function globalSetup(): Promise<void> {
  if (process.env.RTD_WEB_BASE_URL) {
    process.env.RTD_MAIL_URL ??= 'http://127.0.0.1:4002';
    process.env.RTD_IDP_URL ??= 'http://127.0.0.1:4001';
    process.env.RTD_DATABASE_URL ??= 'postgres://rtd_owner@127.0.0.1:5432/rtd_hub';
    console.log(`Web tests against the running stack at ${process.env.RTD_WEB_BASE_URL}`);
    return;
  }
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first`);
  if (!existsSync(path.join(ROOT, 'dist/web/index.html'))) {
    console.warn('dist/web/index.html is missing: the web app is not built, its tests will fail');
  }

  const [apiPort, idpPort, smtpPort, mailPort] = await freePorts(4);
  const startedAt = Date.now();
  const databaseName = databaseNameFor(startedAt);
  // The roles (and defaults) are those of the demo and of jest's tests; `demo` creates the roles
  // and the database when missing.
  const env = process.env;
  const appUrl = withDatabase(env.DATABASE_URL || 'postgres://rtd_app@127.0.0.1:5432/rtd_hub', databaseName);
  const ownerUrl = withDatabase(
    env.DATABASE_OWNER_URL || 'postgres://rtd_owner@127.0.0.1:5432/rtd_hub',
    databaseName,
  );
  const adminUrl = env.DATABASE_ADMIN_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const redisUrl = env.REDIS_URL || 'redis://127.0.0.1:6379';
  const queuePrefix = `rtd_web_${startedAt}`;
  const webUrl = `http://127.0.0.1:${apiPort}`;
  const idpUrl = `http://127.0.0.1:${idpPort}`;
  const mailUrl = `http://127.0.0.1:${mailPort}`;

  await dropStaleDatabases(adminUrl);
  mkdirSync(path.dirname(STACK_LOG), { recursive: true });
  const log = createWriteStream(STACK_LOG);
  const child = spawn(NODE, [CLI, 'demo'], {
    cwd: ROOT,
    env: {
      ...env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      // Tokens of 90 s: the app renews them (60 s before expiry) while the tests run.
      DEV_IDP_ACCESS_TOKEN_TTL: '90',
      HOST: '127.0.0.1',
      PORT: String(apiPort),
      PUBLIC_URL: webUrl,
      DATABASE_URL: appUrl,
      DATABASE_OWNER_URL: ownerUrl,
      DATABASE_ADMIN_URL: adminUrl,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: queuePrefix,
      OIDC_ISSUER: idpUrl,
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      DEV_MAIL_HTTP_PORT: String(mailPort),
      // Any free port for the Prometheus endpoints: another stack may hold the default ones.
      API_METRICS_PORT: '0',
      WORKER_METRICS_PORT: '0',
      WEB_ROOT: path.join(ROOT, 'dist/web'),
    },
    // Its own process group, so that teardown can take down a demo that would not stop.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    log.write(chunk);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stack: WebStack = { child, databaseName, adminUrl, redisUrl, queuePrefix, exited };
  rememberStack(stack);
  // Whatever happens to this process, the stack does not outlive it.
  process.once('exit', () => {
    if (child.exitCode === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });

  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the stack did not say "${READY}" within ${START_TIMEOUT_MS / 1000} s`)),
        START_TIMEOUT_MS,
      );
      const onData = () => {
        if (output.includes(READY)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout?.on('data', onData);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the demo stopped before it was ready (${signal ?? `code ${code}`})`));
      });
    });
  } catch (error) {
    console.error(`\n--- output of "demo" ---\n${output}\n--- end of output (also in ${STACK_LOG}) ---`);
    // Taken back, so that Playwright's global teardown finds nothing left to do.
    const started = takeStack();
    if (started) await destroyStack(started);
    throw error;
  }

  process.env.RTD_WEB_BASE_URL = webUrl;
  process.env.RTD_MAIL_URL = mailUrl;
  process.env.RTD_IDP_URL = idpUrl;
  process.env.RTD_DATABASE_URL = ownerUrl;
  console.log(`Web tests: app ${webUrl}, provider ${idpUrl}, mail ${mailUrl}, database ${databaseName}`);
}
