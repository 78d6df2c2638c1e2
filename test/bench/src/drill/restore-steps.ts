import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { asPostgres, Log, sh } from './drill-infra';
import { BackupRecord } from './restore-report';

/*
 * The restore drill's machinery beyond the scale-out drill's: pgBackRest run as the postgres user
 * with the drill's configuration, the backup script of deploy/, a private Prometheus.
 */

const run = promisify(execFile);
const isRoot = () => process.getuid?.() === 0;

/** A Debian package's binary, installed with apt-get when missing (as root), printing what it does. */
export async function ensureBinary(log: Log, binary: string, pkg: string): Promise<string | null> {
  try {
    return (await run('sh', ['-c', `command -v ${binary}`])).stdout.trim();
  } catch {
    if (!isRoot()) return null;
    log(`${binary} non è installato: installo il pacchetto Debian ${pkg}`);
    await sh(log, 'apt-get', ['install', '-y', '--no-install-recommends', pkg]);
    return (await run('sh', ['-c', `command -v ${binary}`])).stdout.trim();
  }
}

/** pgBackRest as the postgres user, with the drill's configuration file. */
export function pgbackrest(log: Log, config: string, args: string[]): Promise<string> {
  const [command, full] = asPostgres('pgbackrest', [`--config=${config}`, '--stanza=rtd', ...args]);
  return sh(log, command, full);
}

/**
 * deploy/pgbackrest/rtd-backup, as operators run it from cron (as the postgres user): one backup
 * of the given type, then its metrics for node_exporter in `textfileDir`.
 */
export async function runBackupScript(
  log: Log,
  script: string,
  type: 'full' | 'incr',
  config: string,
  textfileDir: string,
): Promise<string> {
  const [command, args] = asPostgres('env', [
    `PGBACKREST_CONFIG=${config}`,
    `RTD_BACKUP_TEXTFILE_DIR=${textfileDir}`,
    `PATH=${process.env.PATH}`,
    script,
    type,
  ]);
  return sh(log, command, args);
}

interface InfoBackup {
  label: string;
  type: string;
  timestamp: { start: number; stop: number };
  info: { size: number; repository: { delta: number } };
}

/** The backups of the repository, oldest first (pgbackrest info --output=json). */
export async function backupsOf(log: Log, config: string): Promise<BackupRecord[]> {
  const [stanza] = JSON.parse(await pgbackrest(log, config, ['--output=json', 'info'])) as {
    backup: InfoBackup[];
  }[];
  return (stanza?.backup ?? []).map((b) => ({
    label: b.label,
    type: b.type,
    seconds: b.timestamp.stop - b.timestamp.start,
    databaseBytes: b.info.size,
    repositoryBytes: b.info.repository.delta,
  }));
}

/** pgBackRest's version line ("pgBackRest 2.45"). */
export async function pgbackrestVersion(): Promise<string> {
  return (await run('pgbackrest', ['version'])).stdout.trim();
}

/** Waits until the cluster has finished recovery and been promoted: open for writes. */
export async function waitPromoted(url: string, timeoutMs = 300_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const client = new Client({ connectionString: url });
    try {
      await client.connect();
      const { rows } = await client.query('SELECT pg_is_in_recovery() AS recovering');
      if (rows[0].recovering === false) return;
    } catch {
      // starting up, or replaying WAL
    } finally {
      await client.end().catch(() => undefined);
    }
    if (Date.now() > until)
      throw new Error(`il database non è uscito dal recupero dopo ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A private Prometheus scraping the API's and the worker's metrics ports, with the product's alert rules. */
export function prometheusConfig(
  base: string,
  targets: { api: number; worker: number },
  rulesFile: string,
): string {
  const file = path.join(base, 'prometheus.yml');
  writeFileSync(
    file,
    [
      'global:',
      '  scrape_interval: 2s',
      '  evaluation_interval: 2s',
      'rule_files:',
      `  - ${JSON.stringify(rulesFile)}`,
      'scrape_configs:',
      '  - job_name: rtd-api',
      '    static_configs:',
      `      - targets: ['127.0.0.1:${targets.api}']`,
      '  - job_name: rtd-worker',
      '    static_configs:',
      `      - targets: ['127.0.0.1:${targets.worker}']`,
      '',
    ].join('\n'),
  );
  return file;
}

/** One instant query to Prometheus's HTTP API: the result vector. */
export async function promQuery(
  url: string,
  query: string,
): Promise<{ metric: Record<string, string>; value: [number, string] }[]> {
  const response = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(query)}`, {
    signal: AbortSignal.timeout(5000),
  });
  const body = (await response.json()) as {
    data?: { result?: { metric: Record<string, string>; value: [number, string] }[] };
  };
  return body.data?.result ?? [];
}

/** The alerting rules Prometheus loaded, with their state (inactive, pending, firing). */
export async function promRules(url: string): Promise<{ name: string; state: string }[]> {
  const response = await fetch(`${url}/api/v1/rules?type=alert`, { signal: AbortSignal.timeout(5000) });
  const body = (await response.json()) as {
    data?: { groups?: { rules: { name: string; state: string }[] }[] };
  };
  return (body.data?.groups ?? []).flatMap((group) =>
    group.rules.map((r) => ({ name: r.name, state: r.state })),
  );
}

/**
 * One GraphQL request; the data, or null for any failure. `onRequestId` is given the request's id
 * as the API answered it (X-Request-Id): the API draws it, and records it in the history and audit.
 */
export async function graphql(
  url: string,
  token: string,
  query: string,
  variables: Record<string, unknown>,
  onRequestId?: (id: string) => void,
): Promise<Record<string, unknown> | null> {
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
    onRequestId?.(response.headers.get('x-request-id') ?? '');
    const body = (await response.json().catch(() => null)) as {
      data?: Record<string, unknown> | null;
      errors?: unknown[];
    } | null;
    return response.status === 200 && body?.data && !body.errors ? body.data : null;
  } catch {
    return null;
  }
}
