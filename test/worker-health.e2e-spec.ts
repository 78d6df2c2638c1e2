import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readHeartbeat } from '../libs/platform/src/health/heartbeat-file';
import { eventually } from './support/test-worker';
import { PROJECT_ROOT } from './support/paths';
import { environmentFor, startProcess } from './support/processes';
import { createTestDatabase, TestDatabase } from './support/test-database';

/** The worker's own health signal, as the container's HEALTHCHECK reads it (deploy/Dockerfile). */
describe('Worker health', () => {
  let db: TestDatabase;
  let dir: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    dir = mkdtempSync(path.join(tmpdir(), 'worker-health-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await db.drop();
  });

  it('beats while its queues and database answer, and stops beating when it stops', async () => {
    const file = path.join(dir, 'beat');
    const env = { ...environmentFor(db.config), WORKER_HEARTBEAT_FILE: file };
    const healthcheck = () =>
      spawnSync(
        process.execPath,
        [path.join(PROJECT_ROOT, 'dist-test/apps/worker/src/healthcheck.js'), 'worker'],
        {
          env,
          encoding: 'utf8',
        },
      );
    expect(healthcheck().status).toBe(1);

    const worker = startProcess('apps/worker/src/main.js', env);
    try {
      await worker.waitForOutput(/RTD Hub worker avviato/);
      const beat = await eventually(
        async () => readHeartbeat(file),
        (value) => value !== null,
        15_000,
      );
      expect(Date.now() - beat!.getTime()).toBeLessThan(15_000);
      const check = healthcheck();
      expect(check.stdout).toContain('worker: in salute');
      expect(check.status).toBe(0);
    } finally {
      worker.child.kill('SIGTERM');
    }
    expect([0, 'SIGTERM']).toContain(await worker.exited);
    expect(existsSync(file)).toBe(false);
    expect(healthcheck().status).toBe(1);
  });
});
