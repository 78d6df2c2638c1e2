import { readFileSync } from 'node:fs';
import {
  heartbeatFile,
  heartbeatFreshness,
  readHeartbeat,
} from '../../../libs/platform/src/health/heartbeat-file';

/**
 * Container health check, one script for every role of the image (deploy/Dockerfile):
 *
 *   node dist/apps/worker/src/healthcheck.js [api|worker|cli]
 *
 * - api: GET /health/ready on this container's API (PostgreSQL and Redis answer);
 * - worker: the worker's heartbeat file is recent (libs/platform/src/health/heartbeat-file.ts);
 * - cli: one-shot commands (migrations, imports) have nothing to probe.
 * Without an argument the role comes from RTD_ROLE, else from the command of the container's
 * first process (`node dist/apps/worker/src/main.js` is a worker), else api.
 * Exit code 0 is healthy, 1 unhealthy; the one line printed says why (docker inspect shows it).
 */
export type Role = 'api' | 'worker' | 'cli';

const ROLES: readonly Role[] = ['api', 'worker', 'cli'];
const API_TIMEOUT_MS = 2_500;

export class UsageError extends Error {}

function asRole(value: string, source: string): Role {
  const role = value.trim().toLowerCase();
  if (!(ROLES as readonly string[]).includes(role)) {
    throw new UsageError(`${source}: ruolo sconosciuto "${value}" (api, worker o cli)`);
  }
  return role as Role;
}

/** The role from the argument, RTD_ROLE, or the first process's command line (NUL-separated). */
export function resolveRole(args: readonly string[], env: NodeJS.ProcessEnv, firstCommand: string): Role {
  if (args[0]) return asRole(args[0], 'argomento');
  if (env.RTD_ROLE?.trim()) return asRole(env.RTD_ROLE, 'RTD_ROLE');
  const command = firstCommand.split('\0').join(' ');
  if (/apps\/worker\/src\/main\.js/.test(command)) return 'worker';
  if (/apps\/cli\/src\/main\.js/.test(command)) return 'cli';
  return 'api';
}

function firstProcessCommand(): string {
  try {
    return readFileSync('/proc/1/cmdline', 'utf8');
  } catch {
    return '';
  }
}

/** Where this container's API answers: its own port, on loopback when it listens on every address. */
export function readinessUrl(env: NodeJS.ProcessEnv): string {
  const host = env.HOST?.trim();
  const local = !host || ['0.0.0.0', '::', '[::]'].includes(host) ? '127.0.0.1' : host;
  return `http://${local.includes(':') ? `[${local}]` : local}:${env.PORT?.trim() || '4000'}/health/ready`;
}

async function checkApi(env: NodeJS.ProcessEnv): Promise<{ healthy: boolean; reason: string }> {
  const url = readinessUrl(env);
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(API_TIMEOUT_MS) });
    const body = await response.text();
    return { healthy: response.ok, reason: `${url}: ${response.status} ${body.slice(0, 300)}` };
  } catch (error) {
    return { healthy: false, reason: `${url}: ${error instanceof Error ? error.message : String(error)}` };
  }
}

export async function runHealthcheck(
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  firstCommand: string = firstProcessCommand(),
): Promise<{ role: Role; healthy: boolean; reason: string }> {
  const role = resolveRole(args, env, firstCommand);
  if (role === 'cli') return { role, healthy: true, reason: 'comando una tantum: niente da controllare' };
  if (role === 'worker') {
    const file = heartbeatFile(env);
    const { healthy, reason } = heartbeatFreshness(readHeartbeat(file));
    return { role, healthy, reason: `${reason} (${file})` };
  }
  return { role, ...(await checkApi(env)) };
}

if (require.main === module) {
  runHealthcheck(process.argv.slice(2)).then(
    ({ role, healthy, reason }) => {
      console.log(`${role}: ${healthy ? 'in salute' : 'NON in salute'}, ${reason}`);
      process.exit(healthy ? 0 : 1);
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(error instanceof UsageError ? 64 : 1);
    },
  );
}
