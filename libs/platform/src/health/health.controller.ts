import { Controller, Get, HttpCode, Inject, OnModuleDestroy, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Redis } from 'ioredis';
import { Pool } from 'pg';
import { APP_CONFIG } from '@rtd/kernel';
import type { AppConfig } from '@rtd/kernel';
import { createProbeRedis } from '../redis';

type CheckResult = { status: 'up' } | { status: 'down'; error: string };

const CHECK_TIMEOUT_MS = 2000;

/**
 * Readiness has a PostgreSQL connection of its own, opened on the first probe and kept: a request
 * pool saturated by slow requests must not make the process look dead to its orchestrator (which
 * would restart it under load), and a probe must not wait behind the requests it reports on.
 */
function createProbePool(url: string): Pool {
  const pool = new Pool({
    connectionString: url,
    max: 1,
    idleTimeoutMillis: 0,
    connectionTimeoutMillis: CHECK_TIMEOUT_MS,
    query_timeout: CHECK_TIMEOUT_MS,
    application_name: 'rtd-hub-health',
  });
  // A dropped idle connection is discarded by the pool and reopened by the next probe.
  pool.on('error', () => undefined);
  return pool;
}

async function check(probe: () => Promise<unknown>): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`nessuna risposta entro ${CHECK_TIMEOUT_MS} ms`)),
          CHECK_TIMEOUT_MS,
        );
      }),
    ]);
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** Liveness says the process runs; readiness says it can serve: PostgreSQL and Redis answer. */
@Controller('health')
export class HealthController implements OnModuleDestroy {
  private readonly redis: Redis;
  private readonly postgres: Pool;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.postgres = createProbePool(config.databaseUrl);
    this.redis = createProbeRedis(config.redisUrl);
    this.redis.on('error', () => undefined);
  }

  @Get('live')
  @HttpCode(200)
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) response: Response) {
    const [postgres, redis] = await Promise.all([
      check(() => this.postgres.query('SELECT 1')),
      check(async () => {
        if (this.redis.status === 'wait' || this.redis.status === 'end') await this.redis.connect();
        return this.redis.ping();
      }),
    ]);
    const ok = postgres.status === 'up' && redis.status === 'up';
    response.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'unavailable', checks: { postgres, redis } };
  }

  async onModuleDestroy(): Promise<void> {
    this.redis.disconnect();
    await this.postgres.end().catch(() => undefined);
  }
}
