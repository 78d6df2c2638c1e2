import type { Queue } from 'bullmq';
import { Redis } from 'ioredis';

/** BullMQ's largest priority (the lowest urgency): at it, jobs simply keep their order. */
const MAX_PRIORITY = 2_097_152;

/**
 * Start-time fair queuing across consortia, on a BullMQ queue worked one job at a time: each
 * job gets a priority (lower runs first, equal ones in order of arrival) one past the larger of
 * the queue's clock (the most urgent job still waiting, minus one) and the last one its own
 * consortium was given. So a consortium's jobs keep their order, and a consortium that asks for
 * one file while another has queued ten waits for the job being built and at most one more of
 * each other consortium, not for all ten. The last priority of each consortium lives in Redis
 * (`<prefix>:fair:<queue>`), forgotten whenever the queue has nothing waiting.
 */
export class FairPriorities {
  private readonly redis: Redis;

  constructor(
    url: string,
    private readonly prefix: string,
  ) {
    this.redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    this.redis.on('error', () => undefined);
  }

  async next(queue: Queue, consortiumId: string | null): Promise<number> {
    const key = `${this.prefix}:fair:${queue.name}`;
    const tenant = consortiumId ?? '-';
    const [first] = await queue.getPrioritized(0, 0);
    if (!first) await this.redis.del(key);
    const clock = first ? first.priority - 1 : 0;
    const last = Number(await this.redis.hget(key, tenant)) || 0;
    const priority = Math.min(MAX_PRIORITY, Math.max(clock, last) + 1);
    await this.redis.multi().hset(key, tenant, priority).pexpire(key, 86_400_000).exec();
    return priority;
  }

  close(): void {
    this.redis.disconnect();
  }
}
