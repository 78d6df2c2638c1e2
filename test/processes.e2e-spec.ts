import { Queue } from 'bullmq';
import { HEARTBEAT_QUEUE } from '@rtd/platform';
import { bullConnection } from '@rtd/platform';
import { environmentFor, freePort, RunningProcess, startProcess } from './support/processes';
import { createTestDatabase, TestDatabase } from './support/test-database';

/** Nest closes every module on SIGTERM, then re-raises the signal so the exit status stays truthful. */
async function expectOrderlyStop(running: RunningProcess): Promise<void> {
  expect([0, 'SIGTERM']).toContain(await running.exited);
  expect(running.output()).toContain('Arresto ordinato completato (SIGTERM)');
}

/** The API and the worker as operators run them: separate processes, configured by the environment. */
describe('Processes', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('refuses to start with a bad variable, naming it', async () => {
    for (const [name, value] of [
      ['PORT', 'quattromila'],
      ['DATABASE_URL', 'mysql://localhost/rtd'],
      ['REDIS_URL', 'not a url'],
    ]) {
      const api = startProcess('apps/api/src/main.js', { ...environmentFor(db.config), [name]: value });
      expect(await api.exited).toBe(78);
      expect(api.output()).toContain(name);
    }
  });

  it('refuses to start in production without an explicit OIDC issuer, instead of trusting the development one', async () => {
    const api = startProcess('apps/api/src/main.js', {
      ...environmentFor(db.config),
      NODE_ENV: 'production',
      OIDC_ISSUER: '',
    });
    expect(await api.exited).toBe(78);
    expect(api.output()).toContain(
      'Configurazione non valida: OIDC_ISSUER deve essere impostata esplicitamente con NODE_ENV=production',
    );
  });

  it('runs the API with JSON logs carrying the request id, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const api = startProcess('apps/api/src/main.js', { ...environmentFor(db.config), PORT: String(port) });
    try {
      await api.waitForOutput(/RTD Hub API su/);
      const ready = await fetch(`http://127.0.0.1:${port}/health/ready`);
      expect(ready.status).toBe(200);
      const answer = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'prova-42' },
        body: JSON.stringify({ query: '{ planEditions { code } }' }),
      });
      // No token: refused, and the refusal is logged with the request id like everything else.
      expect(answer.status).toBe(401);
      expect(((await answer.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
      // The API's own id answers; the caller's is logged beside it, never in its place.
      const requestId = answer.headers.get('x-request-id') ?? '';
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
      await api.waitForOutput(new RegExp(`"requestId":"${requestId}"`));
      const logLine = api
        .output()
        .split('\n')
        .find((line) => line.includes(`"requestId":"${requestId}"`));
      expect(JSON.parse(logLine ?? '')).toMatchObject({
        requestId,
        clientRequestId: 'prova-42',
        service: 'api',
      });
    } finally {
      api.child.kill('SIGTERM');
    }
    await expectOrderlyStop(api);
  });

  it('runs the worker, which consumes its heartbeat, and stops cleanly on SIGTERM', async () => {
    const worker = startProcess('apps/worker/src/main.js', environmentFor(db.config));
    const queue = new Queue(HEARTBEAT_QUEUE, {
      connection: bullConnection(db.config.redisUrl),
      prefix: db.config.queuePrefix,
    });
    try {
      await worker.waitForOutput(/RTD Hub worker avviato/);
      let completed = 0;
      for (let attempt = 0; attempt < 100 && completed === 0; attempt++) {
        completed = await queue.getCompletedCount();
        if (completed === 0) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(completed).toBeGreaterThan(0);
    } finally {
      worker.child.kill('SIGTERM');
      await queue.obliterate({ force: true });
      await queue.close();
    }
    await expectOrderlyStop(worker);
  });
});
