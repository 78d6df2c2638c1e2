import { Redis } from 'ioredis';
import { REDIS_HINT, ServiceUnavailableError } from './service-unavailable';

/**
 * A Redis connection that fails fast instead of queueing commands forever, for health
 * checks and start-up probes (BullMQ manages its own connections).
 */
export function createProbeRedis(url: string): Redis {
  return new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
}

export async function assertRedisReachable(url: string): Promise<void> {
  const redis = createProbeRedis(url);
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new ServiceUnavailableError('Redis', url, REDIS_HINT, error);
  } finally {
    redis.disconnect();
  }
}

/** ioredis options for BullMQ from a redis:// URL (BullMQ needs maxRetriesPerRequest: null on workers). */
export function bullConnection(url: string) {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 6379,
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
  };
}
