import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { JobContext } from '@rtd/authz';
import { allConsortia } from '@rtd/tenancy';
import { APP_DATA_SOURCE, jobTimingFromEnv, scheduleRepeatingJob, QUEUES } from '@rtd/kernel';
import { ExportJobsRepository } from '../export-jobs.repository';
import { ReportScheduleRepository } from '../schedule/report-schedule.repository';
import { ReportScheduleService, SCHEDULED_REPORT_SUBJECT } from '../schedule/report-schedule.service';

/** The queue of the exports' daily chores: scheduled reports, and deleting expired files. */
export const EXPORTS_DAILY_QUEUE = QUEUES.exportsDaily;
export const SCHEDULED_REPORTS = 'scheduled-reports';
export const EXPIRED_FILES = 'expired-files';

/** The payload of both chores: the day (YYYY-MM-DD, Rome) to act for; today when absent. */
export interface ExportsDailyJob {
  day?: string;
}

/**
 * Deletes every consortium's files past their `expires_at` (the scheda and the monitoring sheet
 * after a day, the periodic report after a year), visiting one consortium at a time with its own
 * rights (row-level security lets the worker delete only expired rows), then the regions' files
 * (REGION_XLSX, no consortium: a policy of their own, expired rows only), and logs the count.
 */
@Injectable()
export class ExpiredFilesCleaner {
  private readonly logger = new Logger(ExpiredFilesCleaner.name);

  constructor(
    private readonly repository: ReportScheduleRepository,
    private readonly jobs: ExportJobsRepository,
  ) {}

  async run(job: JobContext): Promise<number> {
    const consortia = await job.listingConsortia().run(async (ctx) => allConsortia(await ctx.db()));
    let deleted = 0;
    for (const { id } of consortia)
      deleted += await job
        .forConsortium(id)
        .run(async (ctx) => this.repository.deleteExpired(await ctx.db(), id));
    deleted += await job.run(async (ctx) => this.jobs.deleteExpiredRegionFiles(await ctx.db()));
    this.logger.log(`expired files deleted: ${deleted}`);
    return deleted;
  }
}

@Processor(EXPORTS_DAILY_QUEUE, { concurrency: 1, ...jobTimingFromEnv() })
export class ExportsDailyProcessor extends WorkerHost {
  constructor(
    private readonly schedules: ReportScheduleService,
    private readonly cleaner: ExpiredFilesCleaner,
    @Inject(APP_DATA_SOURCE) private readonly dataSource: DataSource,
  ) {
    super();
  }

  process(job: Job<ExportsDailyJob>): Promise<number> {
    const context = JobContext.forJob(this.dataSource, SCHEDULED_REPORT_SUBJECT, {});
    if (job.name === EXPIRED_FILES) return this.cleaner.run(context);
    return this.schedules.queueDue(context, job.data.day);
  }
}

/** Scheduled reports at 06:00 in Rome (after the midnight snapshot), expired files at 03:30. */
@Injectable()
export class ExportsDailyScheduler implements OnApplicationBootstrap {
  constructor(@InjectQueue(EXPORTS_DAILY_QUEUE) private readonly queue: Queue<ExportsDailyJob>) {}

  async onApplicationBootstrap(): Promise<void> {
    await scheduleRepeatingJob(
      this.queue,
      SCHEDULED_REPORTS,
      { pattern: '0 6 * * *', tz: 'Europe/Rome' },
      {},
    );
    await scheduleRepeatingJob(this.queue, EXPIRED_FILES, { pattern: '30 3 * * *', tz: 'Europe/Rome' }, {});
  }
}
