import type { ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { Client } from 'pg';

/** The demo global-setup started, kept for global-teardown (Playwright runs both in one process). */
export interface WebStack {
  child: ChildProcess;
  databaseName: string;
  adminUrl: string;
  redisUrl: string;
  queuePrefix: string;
  exited: Promise<void>;
}

const STACK_KEY = Symbol.for('rtd-hub.web-stack');
const STOP_TIMEOUT_MS = 20_000;

export function rememberStack(stack: WebStack): void {
  (globalThis as Record<symbol, unknown>)[STACK_KEY] = stack;
}

/** The stack global-setup remembered, forgotten as it is handed out so it is stopped once. */
export function takeStack(): WebStack | undefined {
  const registry = globalThis as Record<symbol, unknown>;
  const stack = registry[STACK_KEY] as WebStack | undefined;
  delete registry[STACK_KEY];
  return stack;
}

/** SIGTERM to the demo (it stops its children in order); its whole process group if it hangs. */
async function stopDemo(stack: WebStack): Promise<void> {
  const { child } = stack;
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const stopped = await Promise.race([
    stack.exited.then(() => true),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), STOP_TIMEOUT_MS).unref()),
  ]);
  if (stopped || !child.pid) return;
  console.warn(`the demo did not stop within ${STOP_TIMEOUT_MS / 1000} s: killing its process group`);
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
  await stack.exited;
}

const DATABASE_PREFIX = 'rtd_hub_web_';
const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

/** `rtd_hub_web_<Date.now()>`: one database per run, named by its start. */
export function databaseNameFor(startedAt: number): string {
  return `${DATABASE_PREFIX}${startedAt}`;
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Databases of runs that started over a day ago and never got to their teardown (killed runs). */
export async function dropStaleDatabases(adminUrl: string): Promise<void> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname ~ $1`,
      [`^${DATABASE_PREFIX}[0-9]+$`],
    );
    for (const { datname } of rows) {
      if (Date.now() - Number(datname.slice(DATABASE_PREFIX.length)) > STALE_AFTER_MS) {
        await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(datname)} WITH (FORCE)`);
      }
    }
  } finally {
    await admin.end();
  }
}

/** Stops the demo, drops its database and removes its queues from Redis. */
export async function destroyStack(stack: WebStack): Promise<void> {
  await stopDemo(stack);

  const admin = new Client({ connectionString: stack.adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(stack.databaseName)} WITH (FORCE)`);
  } finally {
    await admin.end();
  }

  // The run's queues (repeatable digests included) would otherwise stay in Redis for good.
  const redis = new Redis(stack.redisUrl, {
    maxRetriesPerRequest: 1,
    lazyConnect: true,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined); // reported once below, not as "Unhandled error event"
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${stack.queuePrefix}:*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } catch (error) {
    console.warn(`could not remove the queues ${stack.queuePrefix}:*: ${String(error)}`);
  } finally {
    redis.disconnect();
  }
}
