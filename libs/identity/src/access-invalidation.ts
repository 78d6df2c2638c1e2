import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Redis } from 'ioredis';
import { APP_CONFIG } from '@rtd/kernel';
import type { AppConfig, RequestContext } from '@rtd/kernel';
import { AccessCache } from './access-cache';

const CONNECT_TIMEOUT_MS = 2000;

/**
 * Tells every API instance that memberships changed, over Redis pub/sub (one channel per
 * QUEUE_PREFIX): each clears its AccessCache, so a revoked role stops working everywhere within
 * the time a message takes, not after the cache's 15 s.
 *
 * The subscriber resubscribes itself on every (re)connection and marks the cache usable only then:
 * while it is disconnected an invalidation could be missed, so the cache stays off and every
 * request reads its memberships.
 */
@Injectable()
export class AccessInvalidation implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(AccessInvalidation.name);
  private readonly channel: string;
  private readonly subscriber: Redis;
  private readonly publisher: Redis;
  private subscribing: Promise<void> = Promise.resolve();
  private lastWarning = 0;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly cache: AccessCache,
  ) {
    this.channel = `${config.queuePrefix}:access-changed`;
    const retryStrategy = (attempt: number) => Math.min(attempt * 100, 1000);
    this.subscriber = new Redis(config.redisUrl, {
      lazyConnect: true,
      autoResubscribe: false,
      connectTimeout: CONNECT_TIMEOUT_MS,
      retryStrategy,
    });
    this.publisher = new Redis(config.redisUrl, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: CONNECT_TIMEOUT_MS,
      commandTimeout: 1000,
      retryStrategy,
    });
    this.publisher.on('error', () => undefined);
    this.subscriber.on('error', (error) => this.warn('subscriber', error));
    this.subscriber.on('ready', () => {
      this.subscribing = this.listen();
    });
    this.subscriber.on('close', () => this.cache.setListening(false));
    this.subscriber.on('message', (channel: string) => {
      if (channel === this.channel) this.cache.clear();
    });
  }

  /** Subscribes before the API takes requests; if Redis is away, the API starts without the cache. */
  async onModuleInit(): Promise<void> {
    await Promise.all([
      this.subscriber.connect().then(
        () => this.subscribing,
        (error: unknown) => this.warn('subscriber', error),
      ),
      this.publisher.connect().catch((error: unknown) => this.warn('publisher', error)),
    ]);
  }

  onModuleDestroy(): void {
    this.subscriber.disconnect();
    this.publisher.disconnect();
  }

  /** Clears the rights cached here and in every other instance once `ctx`'s transaction commits. */
  afterCommit(ctx: RequestContext): void {
    ctx.afterCommit(() => this.changed());
  }

  /** Never throws: the change is committed; at worst another instance keeps old rights for 15 s. */
  async changed(): Promise<void> {
    this.cache.clear();
    try {
      await this.publisher.publish(this.channel, String(Date.now()));
    } catch (error) {
      this.logger.error(
        `membership change not announced to other API instances (${reasonOf(error)}): they may keep old rights for up to 15 s`,
      );
    }
  }

  private async listen(): Promise<void> {
    try {
      await this.subscriber.subscribe(this.channel);
      // Whatever changed while the subscription was down is unknown: start from an empty cache.
      this.cache.setListening(true);
    } catch (error) {
      this.warn('subscriber', error);
    }
  }

  private warn(connection: string, error: unknown): void {
    const now = Date.now();
    if (now - this.lastWarning < 30_000) return;
    this.lastWarning = now;
    this.logger.warn(
      `Redis unreachable (${connection}: ${reasonOf(error)}): rights are read from the database on every request until it is back`,
    );
  }
}

const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
