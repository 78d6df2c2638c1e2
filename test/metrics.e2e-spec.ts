import { randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { MetricsServer } from '@rtd/platform';
import { startSmtpSink, type SmtpSink } from '../apps/dev-mail/src/smtp-sink';
import { PORTAL_LOMBARDIA, REFERENT_CREMA, RTD_A, tokenFor } from './support/identities';
import { cremaAssignment, DemoIds, demoIds, ok } from './support/scenario';
import { startTestApi, TestApi } from './support/test-app';
import { eventually, startTestWorker } from './support/test-worker';

/** Every sample of the scraped text whose name and labels match, with its value. */
function samples(text: string, name: string, labels: Record<string, string> = {}): number[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .filter((line) => Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`)))
    .map((line) => Number(line.slice(line.lastIndexOf(' ') + 1)));
}
const total = (text: string, name: string, labels: Record<string, string> = {}) =>
  samples(text, name, labels).reduce((sum, v) => sum + v, 0);

async function scrape(port: number): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return response.text();
}

describe('Metrics (Prometheus)', () => {
  let sink: SmtpSink;
  let api: TestApi;
  let worker: INestApplicationContext;
  let ids: DemoIds;

  beforeAll(async () => {
    sink = await startSmtpSink({ port: 0 });
    // One machine-client request a window: the second is refused, and counted.
    api = await startTestApi({
      smtpUrl: sink.url,
      rateLimits: { windowSeconds: 60, person: 100_000, client: 1, address: 100_000 },
    });
    worker = await startTestWorker(api.config);
    ids = await demoIds(api);
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await sink?.close();
  });

  it('answers on a port of its own, never on the public one', async () => {
    const port = api.app.get(MetricsServer).port();
    expect(port).toBeGreaterThan(0);
    expect(port).not.toBe(api.config.port);
    const pub = await request(api.app.getHttpServer()).get('/metrics');
    expect(pub.status).toBe(404);
    expect(pub.text).not.toContain('rtd_graphql');
    expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
    expect(worker.get(MetricsServer).port()).toBeGreaterThan(0);
  });

  it('counts operations, errors, refusals, pools, transactions, queues, jobs, outbox, mails, exports and imports', async () => {
    // The registry is the process's: other test files of this worker process counted before.
    const before = await scrape(api.app.get(MetricsServer).port());
    const delta = (text: string, name: string, labels: Record<string, string> = {}) =>
      total(text, name, labels) - total(before, name, labels);
    // Operations: one answered, one refused (a referent may not read the audit log).
    ok(
      await api
        .as(RTD_A)
        .graphql(
          `query($c: ID!) { complianceSummary(scope: { consortiumId: $c }, groupBy: COMUNE) { key } }`,
          {
            c: ids.consortiumA,
          },
        ),
      'complianceSummary',
    );
    const refused = await api
      .as(REFERENT_CREMA)
      .graphql(`query($c: ID!) { auditLog(consortiumId: $c) { totalCount } }`, { c: ids.consortiumA });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // The wall: no token, and a machine client over its limit.
    expect((await api.graphql('{ me { subject } }')).status).toBe(401);
    await api.as(PORTAL_LOMBARDIA).graphql('{ me { subject } }');
    expect((await api.as(PORTAL_LOMBARDIA).graphql('{ me { subject } }')).status).toBe(429);

    // A decision mailed by the worker (outbox -> relay -> notifications job -> mail).
    const a = await cremaAssignment(api, ids, 'SUBMITTED');
    ok(
      await api
        .as(RTD_A)
        .graphql(
          `mutation($id: ID!, $v: Int!) { reviewAssignment(id: $id, expectedVersion: $v, decision: REJECT, reason: "Manca il link") { version } }`,
          { id: a.id, v: a.version },
        ),
      'reviewAssignment',
    );
    await sink.waitFor((mail) => mail.subject?.startsWith('Esito della verifica') ?? false, 30_000);

    // A file built by the worker, and an import refused (a CSV without the sheet's columns).
    const job = ok(
      await api
        .as(RTD_A)
        .graphql(`mutation($input: ExportRequestInput!) { requestExport(input: $input) { id } }`, {
          input: { kind: 'SCHEDA_COMUNE_PDF', comuneId: ids.crema },
        }),
      'requestExport',
    );
    await eventually(
      async () =>
        ok(
          await api.as(RTD_A).graphql(`query($id: ID!) { exportJob(id: $id) { state } }`, { id: job.id }),
          'exportJob',
        ),
      (j: { state: string }) => j.state === 'COMPLETED' || j.state === 'FAILED',
      60_000,
    );
    const imported = await api
      .as(RTD_A)
      .graphql(`mutation($input: StatusImportInput!) { importStatuses(input: $input) { applied } }`, {
        input: {
          fileName: 'stati.csv',
          contentBase64: Buffer.from('colonna;altra\n1;2\n').toString('base64'),
          comuneId: ids.crema,
          dryRun: true,
        },
      });
    expect(imported.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

    const apiText = await scrape(api.app.get(MetricsServer).port());
    const workerText = await eventually(
      () => scrape(worker.get(MetricsServer).port()),
      (text) =>
        delta(text, 'rtd_job_duration_seconds_count', { queue: 'exports', outcome: 'completed' }) >= 1 &&
        delta(text, 'rtd_mails_total', { outcome: 'sent' }) >= 1,
    );

    const op = { operation: 'complianceSummary', type: 'query' };
    expect(delta(apiText, 'rtd_graphql_requests_total', { ...op, code: 'OK' })).toBeGreaterThanOrEqual(1);
    expect(delta(apiText, 'rtd_graphql_request_duration_seconds_count', op)).toBeGreaterThanOrEqual(1);
    expect(samples(apiText, 'rtd_graphql_request_duration_seconds_bucket', op).length).toBeGreaterThan(5);
    expect(
      delta(apiText, 'rtd_graphql_errors_total', { operation: 'auditLog', code: 'FORBIDDEN' }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      delta(apiText, 'rtd_graphql_requests_total', { operation: 'auditLog', code: 'FORBIDDEN' }),
    ).toBeGreaterThanOrEqual(1);
    expect(delta(apiText, 'rtd_gate_refusals_total', { reason: 'unauthenticated' })).toBeGreaterThanOrEqual(
      1,
    );
    expect(delta(apiText, 'rtd_gate_refusals_total', { reason: 'rate_limited', limit: 'client' })).toBe(1);

    expect(samples(apiText, 'rtd_db_pool_connections', { pool: 'rtd-hub-api', state: 'max' })[0]).toBe(10);
    expect(
      samples(apiText, 'rtd_db_pool_connections', { pool: 'rtd-hub-api', state: 'waiting' }),
    ).toHaveLength(1);
    expect(delta(apiText, 'rtd_db_connection_wait_seconds_count', { pool: 'rtd-hub-api' })).toBeGreaterThan(
      0,
    );
    expect(
      delta(apiText, 'rtd_db_transaction_duration_seconds_count', { pool: 'rtd-hub-api', outcome: 'commit' }),
    ).toBeGreaterThan(0);

    for (const queue of ['notifications', 'exports', 'push-runs'])
      expect(samples(workerText, 'rtd_queue_jobs', { queue, state: 'waiting' })).toHaveLength(1);
    expect(
      delta(workerText, 'rtd_job_duration_seconds_count', { queue: 'notifications', outcome: 'completed' }),
    ).toBeGreaterThanOrEqual(1);
    expect(samples(workerText, 'rtd_outbox_lag_seconds')).toHaveLength(1);
    expect(samples(workerText, 'rtd_outbox_messages', { state: 'unprocessed' })).toHaveLength(1);
    expect(delta(workerText, 'rtd_mails_total', { outcome: 'sent' })).toBeGreaterThanOrEqual(1);
    expect(samples(workerText, 'rtd_mails_total', { outcome: 'failed' })).toHaveLength(1);
    expect(delta(workerText, 'rtd_export_duration_seconds_count', { kind: 'comune-file' })).toBe(1);
    expect(delta(apiText, 'rtd_import_duration_seconds_count', { mode: 'dry_run', outcome: 'refused' })).toBe(
      1,
    );
    expect(samples(apiText, 'rtd_build_info', { service: 'api' })).toEqual([1]);
    expect(samples(workerText, 'rtd_build_info', { service: 'worker' })).toEqual([1]);
    expect(samples(apiText, 'process_resident_memory_bytes')[0]).toBeGreaterThan(0);
  });

  it('measures how far the read replica is behind, when there is one', async () => {
    // The primary itself as the "replica": it is not in recovery, so nothing is behind.
    const withReplica = await startTestApi({ databaseReplicaUrl: api.config.databaseUrl });
    try {
      const text = await scrape(withReplica.app.get(MetricsServer).port());
      expect(samples(text, 'rtd_db_replica_lag_seconds', { pool: 'rtd-hub-api-replica' })).toEqual([0]);
      expect(
        samples(text, 'rtd_db_pool_connections', { pool: 'rtd-hub-api-replica', state: 'max' }),
      ).toHaveLength(1);
    } finally {
      await withReplica.close();
    }
    // Closed with its API: the series goes.
    const after = await scrape(api.app.get(MetricsServer).port());
    expect(samples(after, 'rtd_db_replica_lag_seconds', { pool: 'rtd-hub-api-replica' })).toEqual([]);
  });

  it('follows one request id from the request to its job and to the mail', async () => {
    const requestId = `metrics-${randomUUID()}`;
    const a = await cremaAssignment(api, ids, 'SUBMITTED');
    sink.clear();
    ok(
      await api.graphql(
        `mutation($id: ID!, $v: Int!) { reviewAssignment(id: $id, expectedVersion: $v, decision: REJECT, reason: "Serve la delibera") { version } }`,
        { id: a.id, v: a.version },
        { authorization: `Bearer ${await tokenFor(RTD_A)}`, 'x-request-id': requestId },
      ),
      'reviewAssignment',
    );
    const mail = await sink.waitFor((m) => m.text?.includes('Serve la delibera') ?? false, 30_000);
    expect(mail.headers['x-request-id']).toBe(requestId);
  });
});
