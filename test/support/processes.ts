import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { PROJECT_ROOT } from './paths';
import { TestConfig } from './test-database';

/** The environment that makes a spawned API or worker use exactly `config`. */
export function environmentFor(config: TestConfig): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    NODE_ENV: 'test',
    DATABASE_URL: config.databaseUrl,
    DATABASE_OWNER_URL: config.databaseOwnerUrl,
    DATABASE_ADMIN_URL: config.databaseAdminUrl,
    REDIS_URL: config.redisUrl,
    QUEUE_PREFIX: config.queuePrefix,
    OIDC_ISSUER: config.oidcIssuer,
    OIDC_AUDIENCE: config.oidcAudience,
    HOST: config.host,
    PORT: String(config.port),
    LOG_LEVEL: 'info',
    SMTP_URL: config.smtpUrl,
    MAIL_FROM: config.mailFrom,
    FAN_OUT_BATCH_SIZE: String(config.fanOutBatchSize),
    GRAPHQL_MAX_TOKENS: String(config.graphqlMaxTokens),
    RATE_LIMIT_WINDOW_SECONDS: String(config.rateLimits.windowSeconds),
    RATE_LIMIT_PERSON: String(config.rateLimits.person),
    RATE_LIMIT_CLIENT: String(config.rateLimits.client),
    RATE_LIMIT_ADDRESS: String(config.rateLimits.address),
    // The same signing key as the test's own processes, so a link one signs another accepts.
    DOWNLOAD_LINK_SECRET: config.downloadLinkSecret,
    DOWNLOAD_LINK_TTL_SECONDS: String(config.downloadLinkTtlSeconds),
    UNSUBSCRIBE_LINK_SECRET: config.unsubscribeLinkSecret,
    PUBLIC_URL: config.publicUrl,
    API_METRICS_PORT: String(config.metrics.apiPort),
    WORKER_METRICS_PORT: String(config.metrics.workerPort),
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface RunningProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>;
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void>;
}

/** Runs one of the compiled entry points (dist-test/apps/<app>/src/<file>.js) as a real process. */
export function startProcess(entry: string, env: NodeJS.ProcessEnv): RunningProcess {
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'dist-test', entry)], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    listeners.forEach((listener) => listener());
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  return {
    child,
    output: () => output,
    exited,
    waitForOutput(pattern, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (pattern.test(output)) {
            done();
            resolve();
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`no output matching ${pattern} within ${timeoutMs} ms; got:\n${output}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        void exited.then(() => {
          if (listeners.has(check)) {
            done();
            reject(new Error(`process exited before printing ${pattern}; got:\n${output}`));
          }
        });
        check();
      });
    },
  };
}

/** A real API process on a free port of its own, ready to answer. */
export interface RunningApi extends RunningProcess {
  port: number;
  /** SIGTERM, then waits for the process to exit. */
  stop(): Promise<void>;
}

export async function startApiProcess(config: TestConfig, env: NodeJS.ProcessEnv = {}): Promise<RunningApi> {
  // A port found free may be taken before the API listens (its metrics server binds port 0 first,
  // and another spec's process may too): then the API exits with EADDRINUSE and gets another try.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const api = startProcess('apps/api/src/main.js', {
      ...environmentFor(config),
      PORT: String(port),
      ...env,
    });
    try {
      await api.waitForOutput(/RTD Hub API su/);
    } catch (error) {
      if (attempt < 3 && /EADDRINUSE/.test(api.output())) {
        await api.exited;
        continue;
      }
      throw error;
    }
    return runningApi(api, port);
  }
}

function runningApi(api: RunningProcess, port: number): RunningApi {
  return {
    ...api,
    port,
    stop: async () => {
      api.child.kill('SIGTERM');
      await api.exited;
    },
  };
}
