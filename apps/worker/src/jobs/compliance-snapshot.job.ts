import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { ComplianceSnapshots } from '@rtd/compliance';
import { jobTimingFromEnv, QueueName, todayInRome } from '@rtd/kernel';
import { APP_DATA_SOURCE } from '@rtd/platform';

export const NIGHTLY_SNAPSHOT = 'nightly-snapshot';

@Processor(QueueName.Compliance, { concurrency: 1, ...jobTimingFromEnv() })
export class ComplianceSnapshotProcessor extends WorkerHost {
  constructor(
    private readonly snapshots: ComplianceSnapshots,
    @Inject(APP_DATA_SOURCE) private readonly dataSource: DataSource,
  ) {
    super();
  }

  process(job: Job<{ day?: string }>): Promise<number> {
    return this.snapshots.take(this.dataSource, job.data.day ?? todayInRome());
  }
}

/** Midnight in Rome, daylight saving included; the snapshot is labelled with the day that starts. */
@Injectable()
export class ComplianceSnapshotScheduler implements OnApplicationBootstrap {
  constructor(@InjectQueue(QueueName.Compliance) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      NIGHTLY_SNAPSHOT,
      { pattern: '0 0 * * *', tz: 'Europe/Rome' },
      {
        name: NIGHTLY_SNAPSHOT,
        data: {},
        opts: {
          attempts: 5,
          backoff: { type: 'exponential', delay: 60_000 },
          removeOnComplete: 30,
          removeOnFail: 100,
        },
      },
    );
  }
}
