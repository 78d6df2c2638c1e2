import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { JobContext } from '@rtd/authz';
import { APP_DATA_SOURCE, jobTimingFromEnv } from '@rtd/kernel';
import { OBJECTIVES_CONFIG, type ObjectivesConfig } from '../objectives.config';
import { FAN_OUT_SUBJECT, FanOut } from './fan-out';
import { PUSH_RUNS_QUEUE, PushRunJob } from './push-run.payload';

/** Runs the fan-out of a published objective; retried with backoff, idempotent at every step. */
@Processor(PUSH_RUNS_QUEUE, { concurrency: 2, ...jobTimingFromEnv() })
export class PushRunProcessor extends WorkerHost {
  private readonly logger = new Logger(PushRunProcessor.name);

  constructor(
    private readonly fanOut: FanOut,
    @Inject(APP_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(OBJECTIVES_CONFIG) private readonly config: ObjectivesConfig,
  ) {
    super();
  }

  /** The rights of the objective's consortium office, the consortium the outbox row was checked against. */
  private context(job: Job<PushRunJob>): JobContext {
    return JobContext.forJob(this.dataSource, FAN_OUT_SUBJECT, job.data);
  }

  async process(job: Job<PushRunJob>): Promise<{ created: number; skipped: number }> {
    const run = await this.fanOut.run(this.context(job), job.data, this.config.fanOutBatchSize);
    return { created: run.created, skipped: run.skipped };
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job<PushRunJob> | undefined, error: Error): Promise<void> {
    if (!job) return;
    this.logger.warn(`push run ${job.data.pushRunId}, attempt ${job.attemptsMade}: ${error.message}`);
    if (job.attemptsMade >= (job.opts.attempts ?? 1)) {
      await this.fanOut.markFailed(this.context(job), job.data, error.message).catch(() => undefined);
    }
  }
}
