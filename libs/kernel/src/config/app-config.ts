import { createHmac, randomBytes } from 'node:crypto';

/**
 * Configuration comes from the environment only, is validated once at start-up and fails
 * fast with a message naming the variable. Defaults work on a developer machine with
 * PostgreSQL and Redis on loopback (see docs/configuration.md).
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
  /** Outgoing mail relay, e.g. smtp://user:pass@relay:587 (smtps:// for implicit TLS). */
  smtpUrl: string;
  /** Address of the dashboard, for links in e-mails. */
  publicUrl: string;
  /** Assignments created per transaction when an objective is pushed. */
  fanOutBatchSize: number;
  /** Sender of every e-mail, e.g. "Ufficio RTD" <rtd@example.it>. */
  mailFrom: string;
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
   * HMAC key of the signed download links of the exports (libs/exports download-link.ts): every
   * API process must share it, so production requires it; a development process draws its own.
   * Never logged.
   */
  downloadLinkSecret: string;
  /** How long a download link lives, in seconds (30 to 900). */
  downloadLinkTtlSeconds: number;
  /**
   * HMAC key of the one-click unsubscribe links of the mails (libs/notifications
   * unsubscribe-link.ts), signed by the worker and checked by the API (UNSUBSCRIBE_LINK_SECRET;
   * by default derived from DB_CONTEXT_KEY, which every process shares). Never logged.
   */
  unsubscribeLinkSecret: string;
  /** The Prometheus endpoints, on ports of their own, never the public one (0: any free port). */
  metrics: MetricsEndpoints;
  /** How long what the service keeps about people's activity is kept (the nightly retention job). */
  retention: RetentionPeriods;
  /** Files waiting for the worker (queued or being built) a person, and a consortium, may have. */
  exportQueue: ExportQueueLimits;
}

export interface ExportQueueLimits {
  /** Per person or machine client (EXPORT_QUEUE_PER_PERSON). */
  perPerson: number;
  /** Per consortium, every requester of its office and comuni together (EXPORT_QUEUE_PER_CONSORTIUM). */
  perConsortium: number;
}

export interface MetricsEndpoints {
  /** Address both endpoints listen on: loopback by default; 0.0.0.0 in a container, behind its network. */
  host: string;
  apiPort: number;
  workerPort: number;
}

/** Days each kind of record is kept before the nightly retention job deletes it (docs/operations.md). */
export interface RetentionPeriods {
  /** The record of each e-mail sent (recipient, subject, when). */
  mailDays: number;
  /** Outbox messages whose job has finished (the background work log, with the request id). */
  outboxDays: number;
  /** Any export file, whatever its own expiry (a year for periodic reports, a day for the others). */
  exportDays: number;
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

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`Configurazione non valida: ${variable} ${reason}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function readString(env: Env, name: string, fallback: string): string {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  return value.trim();
}

/** A secret: long enough to resist guessing; its value never appears in an error message. */
function readSecret(env: Env, name: string, fallback: string, minLength: number): string {
  const value = readString(env, name, fallback);
  if (value.length < minLength)
    throw new ConfigError(name, `deve essere lunga almeno ${minLength} caratteri`);
  return value;
}

function readInt(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(name, `deve essere un numero intero, non "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max)
    throw new ConfigError(name, `deve essere compreso tra ${min} e ${max}, non ${value}`);
  return value;
}

function readUrl(env: Env, name: string, fallback: string, protocols: string[]): string {
  const value = readString(env, name, fallback);
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new ConfigError(name, `non è un URL valido: "${value}"`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `deve usare ${protocols.join(' o ')}, non "${parsed.protocol}"`);
  }
  return value;
}

function readEnum<T extends string>(env: Env, name: string, fallback: T, allowed: readonly T[]): T {
  const value = readString(env, name, fallback);
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ConfigError(name, `deve essere uno di ${allowed.join(', ')}, non "${value}"`);
  }
  return value as T;
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
  if (nodeEnv === 'production') {
    for (const name of REQUIRED_IN_PRODUCTION) {
      if ((env[name] ?? '').trim() === '') {
        throw new ConfigError(name, 'deve essere impostata esplicitamente con NODE_ENV=production');
      }
    }
  }
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
    fanOutBatchSize: readInt(env, 'FAN_OUT_BATCH_SIZE', 1000, 10, 50_000),
    publicUrl: readUrl(env, 'PUBLIC_URL', 'http://127.0.0.1:4000', ['http:', 'https:']).replace(/\/$/, ''),
    smtpUrl: readUrl(env, 'SMTP_URL', 'smtp://127.0.0.1:2525', ['smtp:', 'smtps:']),
    mailFrom: readString(env, 'MAIL_FROM', 'RTD Hub <noreply@rtdhub.localhost>'),
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
    downloadLinkTtlSeconds: readInt(env, 'DOWNLOAD_LINK_TTL_SECONDS', 300, 30, 900),
    unsubscribeLinkSecret: readSecret(
      env,
      'UNSUBSCRIBE_LINK_SECRET',
      createHmac('sha256', readString(env, 'DB_CONTEXT_KEY', DEV_DB_CONTEXT_KEY))
        .update('rtd-hub/unsubscribe-links/v1')
        .digest('base64url'),
      32,
    ),
    metrics: {
      host: readString(env, 'METRICS_HOST', '127.0.0.1'),
      apiPort: apiMetricsPort,
      workerPort: readInt(env, 'WORKER_METRICS_PORT', 9465, 0, 65535),
    },
    retention: {
      mailDays: readInt(env, 'RETENTION_MAIL_DAYS', 365, 1, 3650),
      outboxDays: readInt(env, 'RETENTION_OUTBOX_DAYS', 30, 1, 3650),
      exportDays: readInt(env, 'RETENTION_EXPORT_DAYS', 400, 1, 3650),
    },
    exportQueue: {
      perPerson: readInt(env, 'EXPORT_QUEUE_PER_PERSON', 3, 1, 100),
      perConsortium: readInt(env, 'EXPORT_QUEUE_PER_CONSORTIUM', 20, 1, 1000),
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
