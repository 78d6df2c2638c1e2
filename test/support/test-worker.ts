import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Client } from 'pg';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { TestConfig, withTestConfig } from './test-database';

/** The real worker (queues, outbox relay, processors) in this process, on the test's database and queue prefix. */
export async function startTestWorker(config: TestConfig): Promise<INestApplicationContext> {
  const moduleRef = await withTestConfig(Test.createTestingModule({ imports: [WorkerModule] }), config)
    .setLogger({ log() {}, error() {}, warn() {}, debug() {}, verbose() {} } as never)
    .compile();
  await moduleRef.init();
  return moduleRef;
}

export async function eventually<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`condition not met in ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Waits until background work has nothing left: no outbox row unprocessed and no mail claimed but
 * not sent (read as the tables' owner). Tests that assert "no duplicate" count only after this,
 * instead of sleeping and hoping a late duplicate would have arrived.
 */
export async function outboxSettled(api: { db: { config: TestConfig } }, timeoutMs = 30_000): Promise<void> {
  const owner = new Client({ connectionString: api.db.config.databaseOwnerUrl });
  await owner.connect();
  try {
    await eventually(
      async () => {
        const { rows } = await owner.query<{ pending: number }>(
          `SELECT (SELECT count(*) FROM outbox WHERE processed_at IS NULL AND available_at <= now())::int
                + (SELECT count(*) FROM mail_delivery WHERE sent_at IS NULL)::int AS pending`,
        );
        return rows[0].pending;
      },
      (pending) => pending === 0,
      timeoutMs,
    );
  } finally {
    await owner.end();
  }
}
