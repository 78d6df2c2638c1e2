import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { JobContext } from '@rtd/authz';
import { todayInRome } from '@rtd/dates';
import { APP_DATA_SOURCE, jobTimingFromEnv, scheduleRepeatingJob, QUEUES } from '@rtd/kernel';
import { ComplianceSnapshots, SNAPSHOT_SUBJECT } from '../compliance-snapshots';

/** The queue of the nightly compliance snapshot behind the trends. */
export const COMPLIANCE_QUEUE = QUEUES.compliance;
export const NIGHTLY_SNAPSHOT = 'nightly-snapshot';

/** The snapshot job's payload: the day to snapshot (today in Rome when absent). */
export interface ComplianceSnapshotJob {
  day?: string;
}

@Processor(COMPLIANCE_QUEUE, { concurrency: 1, ...jobTimingFromEnv() })
export class ComplianceSnapshotProcessor extends WorkerHost {
  constructor(
    private readonly snapshots: ComplianceSnapshots,
    @Inject(APP_DATA_SOURCE) private readonly dataSource: DataSource,
  ) {
    super();
  }

  process(job: Job<ComplianceSnapshotJob>): Promise<number> {
    const context = JobContext.forJob(this.dataSource, SNAPSHOT_SUBJECT, {});
    return this.snapshots.take(context, job.data.day ?? todayInRome());
  }
}

/** Midnight in Rome, daylight saving included; the snapshot is labelled with the day that starts. */
@Injectable()
export class ComplianceSnapshotScheduler implements OnApplicationBootstrap {
  constructor(@InjectQueue(COMPLIANCE_QUEUE) private readonly queue: Queue<ComplianceSnapshotJob>) {}

  async onApplicationBootstrap(): Promise<void> {
    await scheduleRepeatingJob(this.queue, NIGHTLY_SNAPSHOT, { pattern: '0 0 * * *', tz: 'Europe/Rome' }, {});
  }
}
