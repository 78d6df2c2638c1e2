import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import { APP_CONFIG, redactForLog } from '@rtd/kernel';
import type { AppConfig, RateLimits } from '@rtd/kernel';
import { RateVerdict, RedisRateLimiter } from '@rtd/platform';

/** The Italian answer to a caller over a limit. */
export const rateLimitedMessage = (retryAfterSeconds: number) =>
  `Troppe richieste in poco tempo: riprovare tra ${retryAfterSeconds} secondi`;

/** Who a limit counts: a person, a machine client, or (before any token is read) an address. */
export type RateLimitKind = 'person' | 'client' | 'address';

/**
 * The limits of /graphql (RATE_LIMIT_*), counted in the API's Redis under QUEUE_PREFIX, so that
 * every instance of one installation shares them and several installations (or test files) do not.
 */
@Injectable()
export class GraphqlRateLimiter implements OnModuleInit, OnModuleDestroy {
  private readonly limiter: RedisRateLimiter;
  private readonly limits: RateLimits;

  constructor(@Inject(APP_CONFIG) config: AppConfig, logger: Logger) {
    this.limits = config.rateLimits;
    this.limiter = new RedisRateLimiter(
      config.redisUrl,
      `${config.queuePrefix}:rate`,
      config.rateLimits.windowSeconds * 1000,
      (error) =>
        logger.warn(
          { reason: redactForLog(error instanceof Error ? error.message : String(error), 200) },
          'rate limits not enforced: Redis does not answer (requests are let through)',
          'RateLimit',
        ),
    );
  }

  onModuleInit(): Promise<void> {
    return this.limiter.connect();
  }

  onModuleDestroy(): void {
    this.limiter.close();
  }

  hit(kind: RateLimitKind, id: string): Promise<RateVerdict> {
    return this.limiter.hit(`${kind}:${id}`, this.limits[kind]);
  }
}
