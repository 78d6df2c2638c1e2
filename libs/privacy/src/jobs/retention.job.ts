import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { JobContext } from '@rtd/authz';
import { purgeExportFiles } from '@rtd/exports';
import { APP_DATA_SOURCE, jobTimingFromEnv, metrics, scheduleRepeatingJob, QUEUES } from '@rtd/kernel';
import { purgeMailDeliveries } from '@rtd/notifications';
import { purgeProcessedOutbox } from '@rtd/outbox';
import { PRIVACY_CONFIG, type PrivacyConfig } from '../privacy.config';

export const RETENTION_QUEUE = QUEUES.retention;
export const NIGHTLY_RETENTION = 'nightly-retention';
/** The system subject of the retention job: the one the purge functions answer (migration 1764000102000). */
export const RETENTION_SUBJECT = 'system:retention';

/** Rows deleted, by kind, in one run. */
export interface RetentionRun {
  mails: number;
  outbox: number;
  exportFiles: number;
}

/**
 * Every night, what has been kept long enough goes (RETENTION_MAIL_DAYS, RETENTION_OUTBOX_DAYS,
 * RETENTION_EXPORT_DAYS; docs/operations.md, "Retention"), each kind through its owner's function
 * and in its own transaction, as the retention subject: no tenant's rights are needed to delete
 * by age, and none are given.
 */
@Processor(RETENTION_QUEUE, { concurrency: 1, ...jobTimingFromEnv() })
export class RetentionProcessor extends WorkerHost {
  private readonly logger = new Logger(RetentionProcessor.name);

  constructor(
    @Inject(PRIVACY_CONFIG) private readonly config: PrivacyConfig,
    @Inject(APP_DATA_SOURCE) private readonly dataSource: DataSource,
  ) {
    super();
  }

  async process(): Promise<RetentionRun> {
    const job = JobContext.forJob(this.dataSource, RETENTION_SUBJECT, {});
    const { mailDays, outboxDays, exportDays } = this.config.retention;
    const purge = (kind: string, work: (db: EntityManager) => Promise<number>) =>
      job.run(async (ctx) => {
        const deleted = await work(await ctx.db());
        metrics.retentionDeleted(kind, deleted);
        return deleted;
      });
    const run: RetentionRun = {
      mails: await purge('mails', (db) => purgeMailDeliveries(db, mailDays)),
      outbox: await purge('outbox', (db) => purgeProcessedOutbox(db, outboxDays)),
      exportFiles: await purge('export_files', (db) => purgeExportFiles(db, exportDays)),
    };
    this.logger.log(run, 'retention: rows deleted');
    return run;
  }
}

/** 04:15 in Rome, after the expired files (03:30) and before the morning digests (07:00). */
@Injectable()
export class RetentionScheduler implements OnApplicationBootstrap {
  constructor(@InjectQueue(RETENTION_QUEUE) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await scheduleRepeatingJob(
      this.queue,
      NIGHTLY_RETENTION,
      { pattern: '15 4 * * *', tz: 'Europe/Rome' },
      {},
    );
  }
}
