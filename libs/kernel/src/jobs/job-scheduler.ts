import type { JobSchedulerTemplateOptions, Queue, RepeatOptions } from 'bullmq';

/** What a scheduled job keeps: failures are retried with backoff, a month of runs stays visible. */
export const SCHEDULED_JOB_OPTIONS: JobSchedulerTemplateOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 60_000 },
  removeOnComplete: 30,
  removeOnFail: 100,
};

/**
 * The one way a repeating job is registered: upserted at every start of the worker under its
 * name, so a restart (or several workers) never duplicates it. `repeat` is a cron pattern with
 * its time zone (`{ pattern: '0 7 * * *', tz: 'Europe/Rome' }`, daylight saving included) or an
 * interval (`{ every: 30_000 }`). Each domain's scheduler calls it from onApplicationBootstrap.
 */
export async function scheduleRepeatingJob<T>(
  queue: Queue<T>,
  name: string,
  repeat: Omit<RepeatOptions, 'key'>,
  data: T,
  opts: JobSchedulerTemplateOptions = SCHEDULED_JOB_OPTIONS,
): Promise<void> {
  // BullMQ types a queue's job names separately from its data; ours are plain strings.
  await (queue as unknown as Queue<unknown, unknown, string>).upsertJobScheduler(name, repeat, {
    name,
    data,
    opts,
  });
}
