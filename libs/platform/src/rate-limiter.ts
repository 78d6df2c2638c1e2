import { Redis } from 'ioredis';

/** What one request costs against a limit. */
export interface RateVerdict {
  allowed: boolean;
  /** Requests counted in the current window, this one included (0 when Redis did not answer). */
  count: number;
  /** Seconds until the window ends and the count starts again (at least 1). */
  retryAfterSeconds: number;
}

/**
 * One atomic step of a fixed window: count the request and, for the first of a window, start its
 * clock. PTTL is read in the same script, so every instance agrees on when the window ends; a key
 * left without expiry (a crash between the two calls cannot happen inside a script, but a manual
 * SET could) is given one rather than blocking its holder for ever.
 */
const HIT = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if count == 1 or ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return { count, ttl }
`;

type RedisWithHit = Redis & { rateLimitHit(key: string, windowMs: number): Promise<[number, number]> };

/**
 * Fixed-window request counters in Redis, so that a limit holds across every API instance sharing
 * it. If Redis does not answer, requests are let through (availability first) and a warning is
 * logged, at most once per window.
 */
export class RedisRateLimiter {
  private readonly redis: RedisWithHit;
  private lastWarning = 0;

  constructor(
    url: string,
    private readonly prefix: string,
    private readonly windowMs: number,
    private readonly warn: (error: unknown) => void,
  ) {
    this.redis = new Redis(url, {
      lazyConnect: true,
      // A request never waits for a Redis that is away: the command fails at once and the limiter fails open.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 2000,
      commandTimeout: 500,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    }) as RedisWithHit;
    this.redis.on('error', () => undefined);
    this.redis.defineCommand('rateLimitHit', { numberOfKeys: 1, lua: HIT });
  }

  /** Connects (at start-up, so that the first requests are counted); a failure is logged, not thrown. */
  async connect(): Promise<void> {
    try {
      await this.redis.connect();
    } catch (error) {
      this.failedOpen(error);
    }
  }

  /** Counts one request of `key` and says whether it stays within `limit` (0: unlimited, not counted). */
  async hit(key: string, limit: number): Promise<RateVerdict> {
    if (limit <= 0) return { allowed: true, count: 0, retryAfterSeconds: 1 };
    try {
      const [count, ttl] = await this.redis.rateLimitHit(`${this.prefix}:${key}`, this.windowMs);
      return { allowed: count <= limit, count, retryAfterSeconds: Math.max(1, Math.ceil(ttl / 1000)) };
    } catch (error) {
      this.failedOpen(error);
      return { allowed: true, count: 0, retryAfterSeconds: 1 };
    }
  }

  close(): void {
    this.redis.disconnect();
  }

  private failedOpen(error: unknown): void {
    const now = Date.now();
    if (now - this.lastWarning < this.windowMs) return;
    this.lastWarning = now;
    this.warn(error);
  }
}
