import { ChildProcess, execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Client } from 'pg';
import { Cleanup, Log, spawnLogged } from './drill-infra';
import { AckedWrite, RestoreResult } from './restore-report';
import { prometheusConfig, promQuery, promRules } from './restore-steps';

/*
 * What the restore drill looks at: the fixtures it writes with, the state at the recovery target,
 * and the restored database (writes, audit, row-level security, through SQL and through the API).
 */

const ROOT = path.resolve(__dirname, '../../../../..');
/** The demo referents who write (docs/demo-identities.md), and who checks the walls after the restore. */
const REFERENTS = ['MRTNNA70S63D142G', 'CLMSRA80P49G306F', 'MRCLCU78D18H509N', 'GRCMTT85A10L537X'];
const RTD_B = 'RNLCHR82H61G999G';

export interface Fixtures {
  writers: { id: string; version: number; progress: number; fiscalCode: string; comuneId: string }[];
  /** Who checks row-level security through the API after the restore. */
  checkers: string[];
  consortiumA: string;
  /** An assignment of consortium A in a comune the first writer is not referent of. */
  foreignAssignment: string;
}

/** Up to three open assignments of each demo referent's comune, one writer loop each. */
export async function prepareFixtures(admin: Client): Promise<Fixtures> {
  const { rows: writers } = await admin.query(
    `SELECT x.id, x.version, x.progress, x.fiscal_code AS "fiscalCode", x.comune_id AS "comuneId" FROM (
       SELECT a.id, a.version, a.progress, a.comune_id, p.fiscal_code,
              row_number() OVER (PARTITION BY p.fiscal_code ORDER BY a.id) AS n
         FROM assignment a
         JOIN shared_objective o ON o.id = a.objective_id AND o.state = 'PUBLISHED'
         JOIN membership m ON m.comune_id = a.comune_id AND m.role = 'COMUNE_REFERENT' AND m.revoked_at IS NULL
         JOIN person p ON p.id = m.person_id
        WHERE p.fiscal_code = ANY($1) AND a.status IN ('NOT_STARTED', 'IN_PROGRESS', 'REJECTED')
     ) x WHERE x.n <= 3`,
    [REFERENTS],
  );
  if (writers.length === 0) throw new Error('nessuna attività aperta dei referenti demo');
  const [{ id: consortiumA }] = (
    await admin.query(
      `SELECT m.consortium_id AS id FROM membership m JOIN person p ON p.id = m.person_id
        WHERE p.fiscal_code = 'FRRGLI75C52D142B' AND m.role = 'CONSORTIUM_RTD' AND m.revoked_at IS NULL`,
    )
  ).rows;
  const [{ id: foreignAssignment }] = (
    await admin.query(`SELECT id FROM assignment WHERE consortium_id = $1 AND comune_id <> $2 LIMIT 1`, [
      consortiumA,
      writers[0].comuneId,
    ])
  ).rows;
  return { writers, checkers: [RTD_B], consortiumA, foreignAssignment };
}

export interface AtTarget {
  /** The recovery target, as PostgreSQL writes a timestamptz in UTC (what pgBackRest's --target takes). */
  iso: string;
  ms: number;
  evidence: number;
  audit: number;
  policies: number;
  archiveAgeSeconds: number | null;
}

/** The counts the restore must give back, read in one statement, and the instant that becomes the target. */
export async function snapshotAtTarget(admin: Client): Promise<AtTarget> {
  const [row] = (
    await admin.query(
      `SELECT (SELECT count(*) FROM evidence)::int AS evidence,
              (SELECT count(*) FROM audit_log)::int AS audit,
              (SELECT count(*) FROM pg_policies)::int AS policies,
              extract(epoch FROM clock_timestamp() - (SELECT last_archived_time FROM pg_stat_archiver))::float AS age,
              t::text AS iso, (extract(epoch FROM t) * 1000)::float8 AS ms
         FROM (SELECT clock_timestamp() AS t) now`,
    )
  ).rows;
  return {
    iso: row.iso,
    ms: Number(row.ms),
    evidence: row.evidence,
    audit: row.audit,
    policies: row.policies,
    archiveAgeSeconds: row.age === null ? null : Number(row.age),
  };
}

export interface RestoredState {
  events: Set<string>;
  audit: Set<string>;
  versions: Map<string, number>;
  lastCommit: { lastRestoredCommit: string | null; lastCommitBeforeTargetMs: number | null };
  evidence: number;
  auditSummary: RestoreResult['audit'];
  rls: RestoreResult['rls'];
}

/** Reads the restored database and asks the API on it; nothing here writes. */
export async function checkRestored(
  adminUrl: string,
  appUrl: string,
  atTarget: AtTarget,
  acked: readonly AckedWrite[],
  api: string,
  tokens: ReadonlyMap<string, string>,
  fixtures: Fixtures,
): Promise<RestoredState> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`SET TIME ZONE 'UTC'`);
    const ids = acked.map((w) => w.requestId);
    const events = new Set<string>(
      (await admin.query(`SELECT request_id FROM status_event WHERE request_id = ANY($1)`, [ids])).rows.map(
        (r) => r.request_id,
      ),
    );
    const audit = new Set<string>(
      (await admin.query(`SELECT request_id FROM audit_log WHERE request_id = ANY($1)`, [ids])).rows.map(
        (r) => r.request_id,
      ),
    );
    const versions = new Map<string, number>(
      (
        await admin.query(`SELECT id, version FROM assignment WHERE id = ANY($1::uuid[])`, [
          [...new Set(acked.map((w) => w.assignmentId))],
        ])
      ).rows.map((r) => [r.id, r.version]),
    );
    const [last] = (
      await admin.query(
        `SELECT max(at)::text AS last, (extract(epoch FROM $2::timestamptz - max(at)) * 1000)::int AS gap
           FROM status_event WHERE request_id = ANY($1)`,
        [ids, atTarget.iso],
      )
    ).rows;
    const [counts] = (
      await admin.query(
        `SELECT (SELECT count(*) FROM evidence)::int AS evidence,
                (SELECT count(*) FROM audit_log)::int AS audit,
                (SELECT count(*) FROM audit_log WHERE at > $1::timestamptz)::int AS after,
                (SELECT count(*) FROM pg_policies)::int AS policies,
                (SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' AND relrowsecurity)::int AS rls,
                (SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'
                    AND relrowsecurity AND relforcerowsecurity)::int AS forced`,
        [atTarget.iso],
      )
    ).rows;
    return {
      events,
      audit,
      versions,
      lastCommit: { lastRestoredCommit: last.last, lastCommitBeforeTargetMs: last.gap },
      evidence: counts.evidence,
      auditSummary: {
        entriesBefore: atTarget.audit,
        entriesRestored: counts.audit,
        newestAfterTarget: counts.after,
        appendOnly: await appendOnly(admin),
      },
      rls: {
        tablesWithRls: counts.rls,
        tablesForced: counts.forced,
        policiesBefore: atTarget.policies,
        policiesRestored: counts.policies,
        appRoleSeesUnsetRows: await seenWithoutSettings(appUrl),
        apiChecks: await apiChecks(api, tokens, fixtures, acked, atTarget.ms),
      },
    };
  } finally {
    await admin.end();
  }
}

/** The append-only triggers still refuse to rewrite or delete an audit entry, even for the superuser. */
async function appendOnly(admin: Client): Promise<string> {
  for (const sql of [
    `UPDATE audit_log SET action = action WHERE id = (SELECT min(id) FROM audit_log)`,
    `DELETE FROM audit_log WHERE id = (SELECT min(id) FROM audit_log)`,
  ]) {
    try {
      await admin.query(sql);
      return `NOT refused: ${sql}`;
    } catch (error) {
      if (!/sola aggiunta/.test((error as Error).message))
        return `refused for another reason: ${(error as Error).message}`;
    }
  }
  return 'ok';
}

/** Rows of tenant tables the application role reads without any signed setting: none, if row-level security holds. */
async function seenWithoutSettings(appUrl: string): Promise<number> {
  const app = new Client({ connectionString: appUrl });
  await app.connect();
  try {
    const [row] = (
      await app.query(
        `SELECT ((SELECT count(*) FROM assignment) + (SELECT count(*) FROM person) + (SELECT count(*) FROM audit_log))::int AS n`,
      )
    ).rows;
    return row.n;
  } finally {
    await app.end();
  }
}

/** A request's data and error codes. */
async function ask(api: string, token: string, query: string, variables: Record<string, unknown>) {
  const response = await fetch(`${api}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      'x-request-id': randomUUID(),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as {
    data?: Record<string, unknown> | null;
    errors?: { extensions?: { code?: string } }[];
  };
  return { data: body.data ?? null, codes: (body.errors ?? []).map((e) => e.extensions?.code ?? '?') };
}

/** The walls, asked through the API on the restored database. */
async function apiChecks(
  api: string,
  tokens: ReadonlyMap<string, string>,
  fixtures: Fixtures,
  acked: readonly AckedWrite[],
  target: number,
): Promise<string[]> {
  const writer = fixtures.writers[0];
  const mine = acked.filter((w) => w.assignmentId === writer.id && w.ackedAt < target).at(-1);
  const read = `query($id: ID!) { assignment(id: $id) { version } }`;
  const own = await ask(api, tokens.get(writer.fiscalCode)!, read, { id: writer.id });
  const ownVersion = (own.data?.assignment as { version?: number } | null)?.version ?? 0;
  const foreign = await ask(api, tokens.get(writer.fiscalCode)!, read, { id: fixtures.foreignAssignment });
  const other = await ask(
    api,
    tokens.get(RTD_B)!,
    `query($c: ID!) { complianceSummary(scope: { consortiumId: $c }, groupBy: COMUNE) { key } }`,
    { c: fixtures.consortiumA },
  );
  const refused = (r: { data: Record<string, unknown> | null; codes: string[] }) =>
    r.codes.some((code) => code === 'FORBIDDEN' || code === 'NOT_FOUND') &&
    !Object.values(r.data ?? {}).some(Boolean);
  return [
    `a referent reads their own assignment at its last acknowledged version before the target (${ownVersion} >= ${mine?.version ?? 0}): ${ownVersion >= (mine?.version ?? 0) && ownVersion > 0 ? 'ok' : 'FAILED'}`,
    `the same referent asks for an assignment of another comune and is refused (${foreign.codes.join(', ') || 'answered'}): ${refused(foreign) ? 'ok' : 'FAILED'}`,
    `the RTD of consortium B asks for consortium A's summary and is refused (${other.codes.join(', ') || 'answered'}): ${refused(other) ? 'ok' : 'FAILED'}`,
  ];
}

/** A private Prometheus scrapes the API and the worker on the restored database, with the product's alert rules. */
export async function metricsThroughPrometheus(
  log: Log,
  stack: { base: string; children: ChildProcess[] },
  binary: string,
  ports: { apiMetrics: number; workerMetrics: number; prometheus: number },
  cleanup: Cleanup,
): Promise<string[]> {
  const rules = path.join(ROOT, 'deploy/prometheus/alerts.yml');
  const config = prometheusConfig(stack.base, { api: ports.apiMetrics, worker: ports.workerMetrics }, rules);
  cleanup.check();
  const child = spawnLogged(
    binary,
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${path.join(stack.base, 'prometheus')}`,
      `--web.listen-address=127.0.0.1:${ports.prometheus}`,
    ],
    process.env,
    path.join(stack.base, 'prometheus.log'),
  );
  stack.children.push(child);
  const url = `http://127.0.0.1:${ports.prometheus}`;
  const version = execFileSync(binary, ['--version'], { encoding: 'utf8' }).split('\n')[0];
  const until = Date.now() + 90_000;
  let up: { metric: Record<string, string> }[] = [];
  while (Date.now() < until) {
    up = await promQuery(url, 'up == 1').catch(() => []);
    const series = await promQuery(url, 'rtd_graphql_requests_total').catch(() => []);
    if (up.length >= 2 && series.length > 0) break;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  // A few evaluations with both targets up, so that no rule is pending on the first scrape's absence.
  await new Promise((resolve) => setTimeout(resolve, 8000));
  const count = async (query: string) => (await promQuery(url, query))[0]?.value[1] ?? '0';
  const names = await count('count(count by (__name__) ({__name__=~"rtd_.+"}))');
  const requests = await count('sum(rtd_graphql_requests_total)');
  const pool = await count('max(rtd_db_pool_connections{state="max"})');
  const rulesLoaded = await promRules(url);
  const firing = rulesLoaded.filter((r) => r.state !== 'inactive').map((r) => `${r.name} (${r.state})`);
  log(`Prometheus: ${up.length} target su, ${names} metriche rtd_*`);
  return [
    `${version} scraped the API's and the worker's metrics ports every 2 s: ${up
      .map((u) => u.metric.job)
      .sort()
      .join(' and ')} up on the restored database.`,
    `${names} metric names rtd_* answered; ${requests} GraphQL operations counted by the API since its restart; pool size ${pool}.`,
    `The alert rules of deploy/prometheus/alerts.yml loaded: ${rulesLoaded.length} (${rulesLoaded.map((r) => r.name).join(', ')}); not inactive: ${firing.join(', ') || 'none'} (the drill runs no node_exporter, so the backup metric is checked as a file instead, and RtdBackupTooOld waits on its absence).`,
  ];
}
