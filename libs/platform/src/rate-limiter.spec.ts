import { createServer } from 'node:net';
import { RedisRateLimiter } from './rate-limiter';

/** A port nothing listens on. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe(RedisRateLimiter.name, () => {
  it('lets requests through when Redis does not answer, warning once per window', async () => {
    const warnings: unknown[] = [];
    const limiter = new RedisRateLimiter(
      `redis://127.0.0.1:${await closedPort()}`,
      'rtd_unit_rate',
      60_000,
      (error) => warnings.push(error),
    );
    try {
      await limiter.connect();
      for (let i = 0; i < 5; i++) {
        expect(await limiter.hit('person:x', 1)).toEqual({ allowed: true, count: 0, retryAfterSeconds: 1 });
      }
      expect(warnings).toHaveLength(1);
    } finally {
      limiter.close();
    }
  });

  it('does not count a limit of 0 (no limit)', async () => {
    const limiter = new RedisRateLimiter('redis://127.0.0.1:1', 'rtd_unit_rate', 60_000, () => undefined);
    try {
      expect((await limiter.hit('address:x', 0)).allowed).toBe(true);
    } finally {
      limiter.close();
    }
  });
});
