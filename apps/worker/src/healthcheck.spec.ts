import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeHeartbeat } from '../../../libs/platform/src/health/heartbeat-file';
import { readinessUrl, resolveRole, runHealthcheck } from './healthcheck';

describe('container health check', () => {
  describe('role', () => {
    it('comes from the argument, then RTD_ROLE, then the first process of the container', () => {
      expect(resolveRole(['worker'], { RTD_ROLE: 'api' }, '')).toBe('worker');
      expect(resolveRole([], { RTD_ROLE: 'Worker' }, '')).toBe('worker');
      expect(resolveRole([], {}, 'node\0dist/apps/worker/src/main.js\0')).toBe('worker');
      expect(resolveRole([], {}, '/sbin/docker-init\0--\0node\0dist/apps/worker/src/main.js\0')).toBe(
        'worker',
      );
      expect(resolveRole([], {}, 'node\0dist/apps/cli/src/main.js\0migration:run\0')).toBe('cli');
      expect(resolveRole([], {}, 'node\0dist/apps/api/src/main.js\0')).toBe('api');
      expect(resolveRole([], {}, '')).toBe('api');
    });

    it('refuses an unknown role', () => {
      expect(() => resolveRole(['database'], {}, '')).toThrow('ruolo sconosciuto "database"');
      expect(() => resolveRole([], { RTD_ROLE: 'x' }, '')).toThrow('RTD_ROLE');
    });
  });

  it("probes this container's API on loopback", () => {
    expect(readinessUrl({})).toBe('http://127.0.0.1:4000/health/ready');
    expect(readinessUrl({ HOST: '0.0.0.0', PORT: '8080' })).toBe('http://127.0.0.1:8080/health/ready');
    expect(readinessUrl({ HOST: '::1' })).toBe('http://[::1]:4000/health/ready');
  });

  describe('worker', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'healthcheck-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('is healthy while the heartbeat is fresh, not before nor after', async () => {
      const env = { WORKER_HEARTBEAT_FILE: path.join(dir, 'beat') };
      expect(await runHealthcheck(['worker'], env, '')).toMatchObject({ role: 'worker', healthy: false });
      writeHeartbeat(env.WORKER_HEARTBEAT_FILE);
      expect(await runHealthcheck(['worker'], env, '')).toMatchObject({ role: 'worker', healthy: true });
      writeHeartbeat(env.WORKER_HEARTBEAT_FILE, new Date(Date.now() - 10 * 60_000));
      const stale = await runHealthcheck(['worker'], env, '');
      expect(stale.healthy).toBe(false);
      expect(stale.reason).toContain('oltre 60 s');
    });

    it('answers with its exit code when run as a script', () => {
      const script = path.join(__dirname, 'healthcheck.js');
      const env = { PATH: process.env.PATH, WORKER_HEARTBEAT_FILE: path.join(dir, 'beat') };
      const run = () => spawnSync(process.execPath, [script, 'worker'], { env, encoding: 'utf8' });
      expect(run().status).toBe(1);
      writeHeartbeat(env.WORKER_HEARTBEAT_FILE);
      const healthy = run();
      expect(healthy.status).toBe(0);
      expect(healthy.stdout).toContain('worker: in salute');
      expect(spawnSync(process.execPath, [script, 'nessuno'], { env, encoding: 'utf8' }).status).toBe(64);
    });
  });

  describe('api', () => {
    let server: Server;
    let status = 200;
    let port = 0;
    beforeAll(async () => {
      server = createServer((req, res) => {
        res.statusCode = req.url === '/health/ready' ? status : 404;
        res.end(JSON.stringify({ status: status === 200 ? 'ok' : 'unavailable' }));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('follows /health/ready', async () => {
      const env = { HOST: '0.0.0.0', PORT: String(port) };
      status = 200;
      expect(await runHealthcheck(['api'], env, '')).toMatchObject({ role: 'api', healthy: true });
      status = 503;
      const down = await runHealthcheck([], env, 'node\0dist/apps/api/src/main.js\0');
      expect(down).toMatchObject({ role: 'api', healthy: false });
      expect(down.reason).toContain('503');
    });

    it('is unhealthy when nothing listens', async () => {
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const free = (closed.address() as AddressInfo).port;
      await new Promise<void>((resolve) => closed.close(() => resolve()));
      expect(await runHealthcheck(['api'], { PORT: String(free) }, '')).toMatchObject({ healthy: false });
    });
  });

  it('has nothing to check for one-shot commands', async () => {
    expect(await runHealthcheck(['cli'], {}, '')).toMatchObject({ role: 'cli', healthy: true });
  });
});
