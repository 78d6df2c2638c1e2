import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { APP_CONFIG, jobTimingFromEnv, PushRunJob, QueueName } from '@rtd/kernel';
import type { AppConfig } from '@rtd/kernel';
import { FanOut } from '@rtd/objectives';
import { APP_DATA_SOURCE } from '@rtd/platform';

/** Runs the fan-out of a published objective; retried with backoff, idempotent at every step. */
@Processor(QueueName.PushRuns, { concurrency: 2, ...jobTimingFromEnv() })
export class PushRunProcessor extends WorkerHost {
  private readonly logger = new Logger(PushRunProcessor.name);

  constructor(
    private readonly fanOut: FanOut,
    @Inject(APP_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async process(job: Job<PushRunJob>): Promise<{ created: number; skipped: number }> {
    const run = await this.fanOut.run(this.dataSource, job.data, this.config.fanOutBatchSize);
    return { created: run.created, skipped: run.skipped };
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job<PushRunJob> | undefined, error: Error): Promise<void> {
    if (!job) return;
    this.logger.warn(`push run ${job.data.pushRunId}, attempt ${job.attemptsMade}: ${error.message}`);
    if (job.attemptsMade >= (job.opts.attempts ?? 1)) {
      await this.fanOut.markFailed(this.dataSource, job.data, error.message).catch(() => undefined);
    }
  }
}
