import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { JobContext } from '@rtd/authz';
import {
  ComplianceGroupBy,
  ComplianceService,
  ComplianceTrendPoint,
  ConsortiumDashboardService,
  DashboardComuneOrder,
  DEADLINE_DAYS,
} from '@rtd/compliance';
import { todayInRome } from '@rtd/dates';
import { APP_DATA_SOURCE, jobTimingFromEnv, metrics, RequestContext, timed } from '@rtd/kernel';
import { NotificationsService } from '@rtd/notifications';
import { markOutboxProcessed, OUTBOX_KEY } from '@rtd/outbox';
import { PnrrService } from '@rtd/pnrr';
import { slug } from '../comune-files';
import { ExportData } from '../export-data';
import { ExportJobsRepository, ofConsortium } from '../export-jobs.repository';
import { EXPORTS_QUEUE, ExportsMessage } from '../exports.service';
import { ComuneFileBuilder } from './comune-file.job';
import { PianoFileBuilder } from './piano-file.job';
import { RegionFileBuilder } from './region-file.job';
import { ReportScheduleRepository } from '../schedule/report-schedule.repository';
import {
  ConsortiumReportData,
  renderConsortiumReportPdf,
  renderConsortiumReportXlsx,
} from '../report/consortium-report';

/** The subject the report job acts as; the export_job policies of 1764000017000 name it. */
export const EXPORTS_SUBJECT = 'system:exports';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A year back from `day` (YYYY-MM-DD), the span of the report's trend. */
const yearBefore = (day: string) => `${Number(day.slice(0, 4)) - 1}${day.slice(4)}`;

/** The day of the last report in Rome and the consortium's figures that day (its midnight snapshot). */
export function sincePrevious(
  trend: ComplianceTrendPoint[],
  finishedAt: Date | null,
): Pick<ConsortiumReportData, 'since' | 'previous'> {
  const day = finishedAt
    ? new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(finishedAt)
    : (trend[0]?.day ?? null);
  if (!day) return { since: null, previous: null };
  // The midnight snapshot of that day or the last one before: the figures the last report saw.
  const point = [...trend].reverse().find((p) => p.day <= day) ?? trend.find((p) => p.day > day);
  return { since: day, previous: point?.buckets[0] ?? null };
}

/**
 * Builds the periodic report of a consortium with the figures complianceSummary and
 * complianceTrend give its office (the job acts as that consortium's RTD office, JobContext),
 * updating the row's progress at each step, then stores it (kept a year) and mails the RTD.
 */
@Injectable()
export class ConsortiumReportBuilder {
  private readonly logger = new Logger(ConsortiumReportBuilder.name);

  constructor(
    private readonly compliance: ComplianceService,
    private readonly data: ExportData,
    private readonly jobs: ExportJobsRepository,
    private readonly notifications: NotificationsService,
    private readonly pnrr: PnrrService,
    private readonly dashboards: ConsortiumDashboardService,
    private readonly schedules: ReportScheduleRepository,
  ) {}

  async build(job: JobContext, exportJobId: string): Promise<boolean> {
    const row = await job.run(async (ctx) => this.jobs.report(await ctx.db(), exportJobId));
    if (!ofConsortium(row) || row.state === 'COMPLETED' || row.state === 'FAILED') return false;
    const progress = (value: number) =>
      job.run(async (ctx) => this.jobs.markRunning(await ctx.db(), exportJobId, value));
    try {
      await progress(10);
      const today = todayInRome();
      const scope = { consortiumId: row.consortiumId };
      const figures = await job.run(async (ctx: RequestContext) => {
        const consortium = await this.data.consortium(ctx, row.consortiumId);
        const [whole] = await this.compliance.summary(ctx, scope, ComplianceGroupBy.CONSORTIUM);
        const comuni = await this.compliance.summary(ctx, scope, ComplianceGroupBy.COMUNE);
        const objectives = await this.compliance.summary(ctx, scope, ComplianceGroupBy.OBJECTIVE);
        const trend = await this.compliance.trend(
          ctx,
          scope,
          ComplianceGroupBy.CONSORTIUM,
          yearBefore(today),
          today,
        );
        const pnrr = await this.pnrr.consortiumTotal(ctx, row.consortiumId);
        // The lists of the Cruscotto: open criticità and what is due next (a page of 100 each).
        const lists = await this.dashboards.dashboard(ctx, {
          consortiumId: row.consortiumId,
          comuniFirst: 1,
          comuniOffset: 0,
          comuniOrder: DashboardComuneOrder.NAME,
          deadlinesFirst: 100,
          deadlinesOffset: 0,
          criticitaFirst: 100,
          criticitaOffset: 0,
          laggardsFirst: 5,
        });
        // "Since the last report": the newest earlier report of the consortium that was built.
        const earlier = (await this.schedules.reports(await ctx.db(), row.consortiumId, 20)).find(
          (r) => r.id !== row.id && r.state === 'COMPLETED' && r.finishedAt !== null,
        );
        return { consortium, whole: whole ?? null, comuni, objectives, trend, pnrr, lists, earlier };
      });
      await progress(50);
      const data: ConsortiumReportData = {
        consortiumName: figures.consortium.name,
        today,
        consortium: figures.whole,
        comuni: [...figures.comuni].sort((a, b) => a.label.localeCompare(b.label, 'it')),
        objectives: figures.objectives,
        trend: figures.trend,
        pnrr: figures.pnrr,
        ...sincePrevious(figures.trend, figures.earlier?.finishedAt ?? null),
        criticita: figures.lists.criticita?.items ?? [],
        deadlines: figures.lists.deadlines?.items ?? [],
        deadlineDays: DEADLINE_DAYS,
        commentary: row.commentary ?? null,
      };
      const pdf = row.kind === 'CONSORTIUM_REPORT_PDF';
      const content = pdf ? await renderConsortiumReportPdf(data) : await renderConsortiumReportXlsx(data);
      await progress(90);
      await job.run(async (ctx) =>
        this.jobs.complete(await ctx.db(), exportJobId, {
          fileName: `relazione-periodica-${slug(figures.consortium.name)}-${today}.${pdf ? 'pdf' : 'xlsx'}`,
          contentType: pdf ? 'application/pdf' : XLSX,
          content,
        }),
      );
      await this.notifications.sendConsortiumReportReady(job, {
        exportJobId,
        consortiumId: row.consortiumId,
        consortiumName: figures.consortium.name,
        day: today,
      });
      return true;
    } catch (error) {
      this.logger.error(`periodic report ${exportJobId} failed: ${(error as Error).message}`);
      await job.run(async (ctx) => this.jobs.fail(await ctx.db(), exportJobId, (error as Error).message));
      throw error;
    }
  }
}

@Processor(EXPORTS_QUEUE, { concurrency: 1, ...jobTimingFromEnv() })
export class ExportsProcessor extends WorkerHost {
  constructor(
    private readonly builder: ConsortiumReportBuilder,
    private readonly files: ComuneFileBuilder,
    private readonly piano: PianoFileBuilder,
    private readonly region: RegionFileBuilder,
    @Inject(APP_DATA_SOURCE) private readonly dataSource: DataSource,
  ) {
    super();
  }

  /** One queue for every file the worker builds: the message's kind says which. */
  async process(job: Job<ExportsMessage & { [OUTBOX_KEY]?: string }>): Promise<boolean> {
    const data = job.data;
    const context = JobContext.forJob(this.dataSource, EXPORTS_SUBJECT, {
      consortiumId: 'consortiumId' in data ? data.consortiumId : null,
    });
    const built = await timed(
      () =>
        data.kind === 'comune-file'
          ? this.files.build(context, data)
          : data.kind === 'piano-file'
            ? this.piano.build(context, data)
            : data.kind === 'region-file'
              ? this.region.build(data)
              : this.builder.build(context, data.exportJobId),
      (outcome, seconds) => metrics.exportBuilt(data.kind, outcome, seconds),
    );
    await context.run(async (ctx) => markOutboxProcessed(await ctx.db(), data[OUTBOX_KEY]));
    return built;
  }
}
