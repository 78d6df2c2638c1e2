import { Client } from 'pg';
import request from 'supertest';
import { REFERENT_CREMA, RTD_A, tokenFor } from './support/identities';
import { RunningApi, startApiProcess } from './support/processes';
import { cremaAssignment, demoIds } from './support/scenario';
import { startTestApi, TestApi } from './support/test-app';
import { startTestWorker } from './support/test-worker';
import { createTestDatabase, TestDatabase } from './support/test-database';

/** Issue 12, point 8: readiness under a saturated request pool, and requests cut by their client. */
describe('Requests under load', () => {
  describe('readiness', () => {
    let api: TestApi;
    let owner: Client;
    let admin: Client;
    let worker: Awaited<ReturnType<typeof startTestWorker>>;

    beforeAll(async () => {
      api = await startTestApi();
      worker = await startTestWorker(api.config);
      owner = new Client({ connectionString: api.config.databaseOwnerUrl });
      admin = new Client({ connectionString: api.config.databaseAdminUrl });
      await Promise.all([owner.connect(), admin.connect()]);
    });
    afterAll(async () => {
      await Promise.all([owner.end(), admin.end()]);
      await worker.close();
      await api.close();
    });

    it('answers fast while every connection of the request pool waits behind a lock', async () => {
      const ids = await demoIds(api);
      const a = await cremaAssignment(api, ids, 'IN_PROGRESS');
      const ready = () => request(api.app.getHttpServer()).get('/health/ready');
      await ready(); // opens the probe's own connection before the pool fills up

      // A lock held elsewhere: every update of this assignment waits for it, holding its
      // request's connection, until the pool has none left and more requests queue for one.
      await owner.query('BEGIN');
      await owner.query('SELECT 1 FROM assignment WHERE id = $1 FOR UPDATE', [a.id]);
      const token = await tokenFor(REFERENT_CREMA);
      const updates = Array.from({ length: api.config.databasePoolSize + 4 }, (_, i) =>
        request(api.app.getHttpServer())
          .post('/graphql')
          .set({ 'content-type': 'application/json', authorization: `Bearer ${token}` })
          .send({
            query: `mutation($id: ID!, $v: Int!) { updateAssignment(id: $id, expectedVersion: $v, input: { progress: ${i} }) { version } }`,
            variables: { id: a.id, v: a.version },
          }),
      );
      const pending = Promise.all(updates.map((update) => update.then((res) => res)));
      try {
        const database = api.db.name;
        for (let waited = 0; ; waited += 50) {
          const { rows } = await admin.query(
            `SELECT count(*)::int AS n FROM pg_stat_activity
              WHERE datname = $1 AND application_name = 'rtd-hub-api' AND wait_event_type = 'Lock'`,
            [database],
          );
          if (rows[0].n >= api.config.databasePoolSize) break;
          if (waited > 10_000) throw new Error(`only ${rows[0].n} requests wait for the lock`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        const started = Date.now();
        const res = await ready();
        const elapsed = Date.now() - started;
        expect(res.status).toBe(200);
        expect(res.body.checks.postgres).toEqual({ status: 'up' });
        expect(elapsed).toBeLessThan(500);
      } finally {
        await owner.query('COMMIT');
      }
      const answers = await pending;
      // Once the lock goes, the queued requests are served: one update wins, the others are stale.
      expect(answers.filter((res) => !res.body.errors)).toHaveLength(1);
    });
  });

  describe('aborted requests', () => {
    let db: TestDatabase;
    let api: RunningApi;
    let port: number;

    beforeAll(async () => {
      db = await createTestDatabase();
      api = await startApiProcess(db.config);
      port = api.port;
    });
    afterAll(async () => {
      await api.stop();
      await db.drop();
    });

    // Thirty fields, each its own statement on the request's one connection: long enough to cut.
    const SLOW = `{ ${Array.from(
      { length: 30 },
      (_, i) =>
        `l${i}: planLines(edition: "2024-2026", search: "${['servizi', 'dati', 'cloud'][i % 3]}", first: 100) { totalCount edges { node { code chapterTitle objectiveCodes } } }`,
    ).join(' ')} }`;

    async function send(signal?: AbortSignal) {
      const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor(RTD_A)}` },
        body: JSON.stringify({ query: SLOW }),
        signal,
      });
      return (await response.json()) as { errors?: unknown[] };
    }

    it('ends quietly, giving every connection back clean', async () => {
      expect((await send()).errors).toBeUndefined(); // warms the rights cache
      const started = Date.now();
      expect((await send()).errors).toBeUndefined();
      const duration = Date.now() - started;
      const mark = api.output().length;

      // Forty requests cut by their client at every moment of their run.
      const cuts = Array.from({ length: 40 }, (_, i) => {
        const controller = new AbortController();
        setTimeout(() => controller.abort(), Math.round((duration * (i % 10)) / 10) + 1);
        return send(controller.signal).catch((error: Error) => error.name);
      });
      expect(await Promise.all(cuts)).toContain('AbortError');
      await new Promise((resolve) => setTimeout(resolve, duration * 3 + 500));

      const lines = api
        .output()
        .slice(mark)
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { level: number; msg: string });
      expect(lines.filter((line) => line.msg === 'request aborted').length).toBeGreaterThan(0);
      expect(lines.filter((line) => line.level >= 50)).toEqual([]);
      expect(api.output().slice(mark)).not.toContain('DbSession already finished');

      // Nothing left half-open: no connection of the API idles inside a transaction.
      const admin = new Client({ connectionString: db.config.databaseAdminUrl });
      await admin.connect();
      try {
        const { rows } = await admin.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = $1 AND application_name = 'rtd-hub-api' AND state LIKE 'idle in transaction%'`,
          [db.name],
        );
        expect(rows[0].n).toBe(0);
      } finally {
        await admin.end();
      }
      expect((await send()).errors).toBeUndefined();
    });
  });
});
