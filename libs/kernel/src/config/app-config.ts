import { randomBytes } from 'node:crypto';
import {
  ConfigEnv as Env,
  ConfigError,
  readEnum,
  readInt,
  readSecret,
  readString,
  readUrl,
  requireInProduction,
} from './env';

/**
 * The settings every process shares (database, Redis, HTTP, tokens/OIDC, logging, metrics).
 * Configuration comes from the environment only, is validated once at start-up and fails
 * fast with a message naming the variable. Defaults work on a developer machine with
 * PostgreSQL and Redis on loopback (see docs/configuration.md). A domain's own settings are its
 * library's slice (`defineConfigSlice`, e.g. libs/notifications notifications.config.ts).
 */
export interface AppConfig {
  nodeEnv: 'development' | 'test' | 'production';
  port: number;
  host: string;
  databaseUrl: string;
  databaseOwnerUrl: string;
  databaseAdminUrl: string;
  /**
   * A streaming hot standby of the same database, as the application role (DATABASE_REPLICA_URL):
   * when set, only regional aggregates (complianceSummary with a region scope) read from it; every
   * other read, and every write, goes to DATABASE_URL, so a person reads their own writes.
   */
  databaseReplicaUrl: string | null;
  databasePoolSize: number;
  redisUrl: string;
  /** Namespace of every BullMQ key, so that several installations (or test runs) can share one Redis. */
  queuePrefix: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  graphqlSchemaFile: string | null;
  oidcIssuer: string;
  oidcAudience: string;
  /** Address of the dashboard, for links in e-mails. */
  publicUrl: string;
  /** Folder of the built web app (`npm run build:web`), served by the API at `/`. */
  webRoot: string;
  /** OIDC client id of the web app: a public client using authorization code + PKCE. */
  webOidcClientId: string;
  /** Most lexical tokens (names, punctuation, values) a GraphQL document may have: parsing stops there. */
  graphqlMaxTokens: number;
  /** Requests to /graphql per window, shared through Redis by every API instance (0: no limit). */
  rateLimits: RateLimits;
  /** Reverse proxies in front of the API whose X-Forwarded-For is believed (0: the socket's address). */
  trustProxyHops: number;
  /**
   * Secret that signs the row-level security settings of every transaction (libs/kernel
   * db-context.ts); the owner stores a key derived from it where the application role cannot read.
   * Never logged.
   */
  dbContextKey: string;
  /**
   * HMAC key of the signed links of the exports and evidence files (libs/exports download-link.ts)
   * and of the calendar feed tokens (libs/calendar): every API process must share it, so production
   * requires it; a development process draws its own. Shared by two domains, so the kernel's.
   * Never logged.
   */
  downloadLinkSecret: string;
  /** The Prometheus endpoints, on ports of their own, never the public one (0: any free port). */
  metrics: MetricsEndpoints;
}

export interface MetricsEndpoints {
  /** Address both endpoints listen on: loopback by default; 0.0.0.0 in a container, behind its network. */
  host: string;
  apiPort: number;
  workerPort: number;
}

export interface RateLimits {
  /** Length of the fixed window, in seconds. */
  windowSeconds: number;
  /** Per person (token subject): the web app stays far below. */
  person: number;
  /** Per machine client (client id): the documented quota of a regional portal. */
  client: number;
  /** Per remote address, counted before the token is checked, so anonymous attempts count too. */
  address: number;
}

const PG = ['postgres:', 'postgresql:'];

function readQueuePrefix(env: Env): string {
  const value = readString(env, 'QUEUE_PREFIX', 'rtd');
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(value)) {
    throw new ConfigError(
      'QUEUE_PREFIX',
      `deve contenere solo lettere, cifre, "-" e "_" (al massimo 64), non "${value}"`,
    );
  }
  return value;
}

/**
 * Settings whose development default would be wrong, not merely slow, in production: the API would
 * trust the development provider's tokens, or mail links to 127.0.0.1. Production names them.
 */
const REQUIRED_IN_PRODUCTION = [
  'OIDC_ISSUER',
  'OIDC_AUDIENCE',
  'PUBLIC_URL',
  'DB_CONTEXT_KEY',
  'DOWNLOAD_LINK_SECRET',
] as const;

/** The development secret of the database context signature: public, so never valid in production. */
export const DEV_DB_CONTEXT_KEY = 'rtd-hub-development-db-context-key-not-a-secret';

export function loadConfig(env: Env = process.env): AppConfig {
  const nodeEnv = readEnum(env, 'NODE_ENV', 'development', ['development', 'test', 'production'] as const);
  requireInProduction(env, REQUIRED_IN_PRODUCTION);
  const port = readInt(env, 'PORT', 4000, 1, 65535);
  const apiMetricsPort = readInt(env, 'API_METRICS_PORT', 9464, 0, 65535);
  // The metrics are for the operator's Prometheus, never on the port the public reaches.
  if (apiMetricsPort === port)
    throw new ConfigError('API_METRICS_PORT', `deve essere diversa da PORT (${port})`);
  jobTimingFromEnv(env); // JOB_LOCK_MS, checked at start like the rest (BullMQ reads it at module load)
  const schemaFile = readString(env, 'GRAPHQL_SCHEMA_FILE', '');
  const replicaUrl = readString(env, 'DATABASE_REPLICA_URL', '');
  return {
    nodeEnv,
    port,
    host: readString(env, 'HOST', '127.0.0.1'),
    databaseUrl: readUrl(env, 'DATABASE_URL', 'postgres://rtd_app@127.0.0.1:5432/rtd_hub', PG),
    databaseOwnerUrl: readUrl(env, 'DATABASE_OWNER_URL', 'postgres://rtd_owner@127.0.0.1:5432/rtd_hub', PG),
    databaseAdminUrl: readUrl(env, 'DATABASE_ADMIN_URL', 'postgres://postgres@127.0.0.1:5432/postgres', PG),
    databaseReplicaUrl: replicaUrl === '' ? null : readUrl(env, 'DATABASE_REPLICA_URL', '', PG),
    databasePoolSize: readInt(env, 'DATABASE_POOL_SIZE', 20, 1, 500),
    redisUrl: readUrl(env, 'REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']),
    queuePrefix: readQueuePrefix(env),
    logLevel: readEnum(env, 'LOG_LEVEL', nodeEnv === 'test' ? 'warn' : 'info', [
      'fatal',
      'error',
      'warn',
      'info',
      'debug',
      'trace',
      'silent',
    ] as const),
    graphqlSchemaFile: schemaFile === '' ? null : schemaFile,
    oidcIssuer: readUrl(env, 'OIDC_ISSUER', 'http://127.0.0.1:4001', ['http:', 'https:']),
    oidcAudience: readString(env, 'OIDC_AUDIENCE', 'rtd-hub-api'),
    publicUrl: readUrl(env, 'PUBLIC_URL', 'http://127.0.0.1:4000', ['http:', 'https:']).replace(/\/$/, ''),
    webRoot: readString(env, 'WEB_ROOT', 'dist/web'),
    webOidcClientId: readString(env, 'WEB_OIDC_CLIENT_ID', 'rtd-hub-dashboard'),
    graphqlMaxTokens: readInt(env, 'GRAPHQL_MAX_TOKENS', 2000, 100, 100_000),
    rateLimits: {
      windowSeconds: readInt(env, 'RATE_LIMIT_WINDOW_SECONDS', 60, 1, 3600),
      person: readInt(env, 'RATE_LIMIT_PERSON', 300, 0, 1_000_000),
      client: readInt(env, 'RATE_LIMIT_CLIENT', 120, 0, 1_000_000),
      address: readInt(env, 'RATE_LIMIT_ADDRESS', 1200, 0, 1_000_000),
    },
    trustProxyHops: readInt(env, 'TRUST_PROXY_HOPS', 0, 0, 10),
    dbContextKey: readSecret(env, 'DB_CONTEXT_KEY', DEV_DB_CONTEXT_KEY, 32),
    // Drawn per process in development: a link signed by one process is refused by another.
    downloadLinkSecret: readSecret(env, 'DOWNLOAD_LINK_SECRET', randomBytes(32).toString('base64url'), 32),
    metrics: {
      host: readString(env, 'METRICS_HOST', '127.0.0.1'),
      apiPort: apiMetricsPort,
      workerPort: readInt(env, 'WORKER_METRICS_PORT', 9465, 0, 65535),
    },
  };
}

/** Replaces the password of a connection URL, for logs and error messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<URL non valido>';
  }
}

/** The database name of a PostgreSQL URL. */
export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

/** The same server and credentials, another database. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/** The same database, another user (no password: trust or .pgpass locally, secrets in production). */
export function withUser(url: string, user: string, password?: string): string {
  const parsed = new URL(url);
  parsed.username = user;
  parsed.password = password ?? '';
  return parsed.toString();
}

/**
 * How long a worker holds a job before others may take it over, and how often it looks for
 * jobs whose worker died. Read at module load, because BullMQ takes them when the worker class
 * is declared; operators rarely change them, tests shorten them to restart a killed worker fast.
 */
export function jobTimingFromEnv(env: Env = process.env): { lockDuration: number; stalledInterval: number } {
  // Validated like every other variable (an integer, 1 s to 10 min): loadConfig reads it too, so a
  // bad value stops the process at start-up with the variable named, not a silent default.
  const lockDuration = readInt(env, 'JOB_LOCK_MS', 30_000, 1_000, 600_000);
  return { lockDuration, stalledInterval: Math.max(500, Math.floor(lockDuration / 2)) };
}
