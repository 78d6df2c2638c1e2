import { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { NIGHTLY_RETENTION, RETENTION_QUEUE, RetentionProcessor } from '@rtd/privacy';
import { RTD_A } from './support/identities';
import { demoIds } from './support/scenario';
import { startTestApi, TestApi } from './support/test-app';
import { applySignedSettings } from './support/test-database';
import { startTestWorker } from './support/test-worker';

/** Retention: the nightly job deletes what has been kept long enough, and nothing else. */
describe('Retention', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let owner: Client;
  let consortiumId: string;

  beforeAll(async () => {
    // Short periods, so that the rows made below fall on both sides of each.
    api = await startTestApi({ retention: { mailDays: 30, outboxDays: 7, exportDays: 60 } });
    worker = await startTestWorker(api.config);
    owner = new Client({ connectionString: api.config.databaseOwnerUrl });
    await owner.connect();
    consortiumId = (await demoIds(api)).consortiumA;
  });
  afterAll(async () => {
    await owner?.end();
    await worker?.close();
    await api?.close();
  });

  async function seed(): Promise<void> {
    for (const [key, age] of [
      ['retention:old-mail', 31],
      ['retention:new-mail', 29],
    ] as const) {
      await owner.query(
        `INSERT INTO mail_delivery (dedupe_key, consortium_id, recipient, subject, message_id, claimed_at, sent_at)
         VALUES ($1, $2, 'x@example.it', 'Prova', '<x@rtdhub>', now() - make_interval(days => $3), now() - make_interval(days => $3))`,
        [key, consortiumId, age],
      );
    }
    for (const [key, processedAgo] of [
      ['retention-old-outbox', 8],
      ['retention-new-outbox', 6],
      ['retention-pending-outbox', null],
    ] as const) {
      await owner.query(
        `INSERT INTO outbox (consortium_id, topic, payload, dedupe_key, created_at, processed_at)
         VALUES ($1, 'notifications', '{}', $2, now() - interval '30 days',
                 CASE WHEN $3::int IS NULL THEN NULL ELSE now() - make_interval(days => $3::int) END)`,
        [consortiumId, key, processedAgo],
      );
    }
    for (const [name, age] of [
      ['retention-old.pdf', 61],
      ['retention-new.pdf', 59],
    ] as const) {
      await owner.query(
        `INSERT INTO export_job (consortium_id, kind, state, requested_by, requested_at, finished_at, file_name,
                                 content_type, content, expires_at)
         VALUES ($1, 'CONSORTIUM_REPORT_PDF', 'COMPLETED', 'system:exports', now() - make_interval(days => $2),
                 now() - make_interval(days => $2), $3, 'application/pdf', '\\x25504446', now() + interval '300 days')`,
        [consortiumId, age, name],
      );
    }
  }

  it('deletes mails, finished outbox messages and files older than their periods, and keeps the rest', async () => {
    await seed();
    const run = await worker.get(RetentionProcessor).process();
    expect(run).toEqual({ mails: 1, outbox: 1, exportFiles: 1 });
    const left = async (sql: string) => (await owner.query(sql)).rows.map((r) => Object.values(r)[0]);
    expect(await left(`SELECT dedupe_key FROM mail_delivery WHERE dedupe_key LIKE 'retention:%'`)).toEqual([
      'retention:new-mail',
    ]);
    expect(
      (
        await left(`SELECT dedupe_key FROM outbox WHERE dedupe_key LIKE 'retention-%' ORDER BY dedupe_key`)
      ).sort(),
    ).toEqual(['retention-new-outbox', 'retention-pending-outbox']);
    expect(await left(`SELECT file_name FROM export_job WHERE file_name LIKE 'retention-%'`)).toEqual([
      'retention-new.pdf',
    ]);
    // A second run the same night finds nothing more.
    expect(await worker.get(RetentionProcessor).process()).toEqual({ mails: 0, outbox: 0, exportFiles: 0 });
  });

  it('runs every night at 04:15 in Rome', async () => {
    const queue = worker.get<Queue>(getQueueToken(RETENTION_QUEUE));
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers).toContainEqual(
      expect.objectContaining({ key: NIGHTLY_RETENTION, pattern: '15 4 * * *', tz: 'Europe/Rome' }),
    );
  });

  it('lets no one but the retention job delete by age', async () => {
    const app = new Client({ connectionString: api.config.databaseUrl });
    await app.connect();
    try {
      for (const subject of [RTD_A, 'system:exports']) {
        await app.query('BEGIN');
        await applySignedSettings(app, api.config, { 'app.subject': subject, 'app.relay': 'on' });
        await expect(app.query(`SELECT app_purge_mail_deliveries(1)`)).rejects.toThrow(/retention job/);
        await app.query('ROLLBACK');
      }
      await app.query('BEGIN');
      await applySignedSettings(app, api.config, { 'app.subject': 'system:retention' });
      await expect(app.query(`SELECT app_purge_export_files(0)`)).rejects.toThrow(/a day or more/);
      await app.query('ROLLBACK');
    } finally {
      await app.end();
    }
  });
});
