import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { callerAccess, JobContext, on } from '@rtd/authz';
import { ComplianceGroupBy, ComplianceService } from '@rtd/compliance';
import { todayInRome } from '@rtd/dates';
import { APP_DATA_SOURCE, RequestContext } from '@rtd/kernel';
import { PnrrService } from '@rtd/pnrr';
import { consortiaWithMembersIn, TenancyService } from '@rtd/tenancy';
import { slug } from '../comune-files';
import { ExportJobsRepository } from '../export-jobs.repository';
import { RegionFileMessage } from '../region/region-export.requests';
import { RegionFigures, renderRegionXlsx } from '../region/region-xlsx';
import { REQUESTER_REVOKED } from './comune-file.job';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The days of the region's trend, as the page draws it (apps/web RegionTrend, REGION_TREND_DAYS). */
export const REGION_TREND_DAYS = 90;

const daysBefore = (isoDay: string, days: number) => {
  const d = new Date(`${isoDay}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
};

/**
 * The observer's context, rebuilt from the payload (JobContext.forRegionObserver): their subject
 * and person and the one region the outbox checked they observed when they asked, with the
 * consortia that have members there (found first with that region alone). Never the office's
 * rights, never app.admin.
 */
export async function regionObserverContext(
  dataSource: DataSource,
  message: Pick<RegionFileMessage, 'subject' | 'personId' | 'regionCode'>,
): Promise<JobContext> {
  const requester = { subject: message.subject, personId: message.personId };
  const bare = JobContext.forRegionObserver(dataSource, requester, message.regionCode);
  const consortia = await bare.run(async (ctx) =>
    consortiaWithMembersIn(await ctx.db(), [message.regionCode]),
  );
  return JobContext.forRegionObserver(dataSource, requester, message.regionCode, consortia);
}

/**
 * Builds the workbook of «La Regione» (REGION_XLSX) in the worker, as the observer who asked:
 * the same service calls as the page (complianceSummary by province and by consortium,
 * complianceTrend by province over the page's 90 days, pnrrRegionTotal, the region's name), so
 * the numbers are the page's; then stores it on the job, kept a day.
 */
@Injectable()
export class RegionFileBuilder {
  private readonly logger = new Logger(RegionFileBuilder.name);

  constructor(
    private readonly compliance: ComplianceService,
    private readonly pnrr: PnrrService,
    private readonly tenancy: TenancyService,
    private readonly jobs: ExportJobsRepository,
    @Inject(APP_DATA_SOURCE) private readonly dataSource: DataSource,
  ) {}

  /** The figures of the page, read as `ctx` (the observer). */
  async figures(ctx: RequestContext, regionCode: string, today: string): Promise<RegionFigures> {
    const scope = { regionCode };
    const provinces = await this.compliance.summary(ctx, scope, ComplianceGroupBy.PROVINCE);
    const consortia = await this.compliance.summary(ctx, scope, ComplianceGroupBy.CONSORTIUM);
    const points = await this.compliance.trend(
      ctx,
      scope,
      ComplianceGroupBy.PROVINCE,
      daysBefore(today, REGION_TREND_DAYS),
      today,
    );
    const trend = points.map((p) => {
      const sum = (k: 'total' | 'completed' | 'submitted' | 'notApplicable' | 'overdue') =>
        p.buckets.reduce((n, b) => n + b[k], 0);
      const applicable = sum('total') - sum('notApplicable');
      return {
        day: p.day,
        total: sum('total'),
        completed: sum('completed'),
        submitted: sum('submitted'),
        overdue: sum('overdue'),
        completionRate: applicable > 0 ? sum('completed') / applicable : 0,
      };
    });
    const pnrr = await this.pnrr.regionTotal(ctx, regionCode);
    const regionName = (await this.tenancy.regionName(ctx, regionCode)) ?? `Regione ${regionCode}`;
    return { regionCode, regionName, today, provinces, consortia, trend, pnrr };
  }

  async build(message: RegionFileMessage): Promise<boolean> {
    const observer = await regionObserverContext(this.dataSource, message);
    const row = await observer.run(async (ctx) =>
      this.jobs.byId(await ctx.db(), message.exportJobId, message.subject),
    );
    if (!row || row.state === 'COMPLETED' || row.state === 'FAILED' || row.regionCode === null) return false;
    const regionCode = row.regionCode;
    const fail = (reason: string) =>
      observer.run(async (ctx) => this.jobs.fail(await ctx.db(), row.id, reason));
    const progress = (value: number) =>
      observer.run(async (ctx) => this.jobs.markRunning(await ctx.db(), row.id, value));
    const allowed = await observer.run(async (ctx) =>
      (await callerAccess(ctx)).ability.can('export', on('RegionExport', { regionCode })),
    );
    if (!allowed) {
      await fail(REQUESTER_REVOKED);
      return false;
    }
    try {
      await progress(10);
      const today = todayInRome();
      const figures = await observer.run((ctx) => this.figures(ctx, regionCode, today));
      await progress(70);
      const content = await renderRegionXlsx(figures);
      await progress(95);
      await observer.run(async (ctx) =>
        this.jobs.completeFile(await ctx.db(), row.id, {
          fileName: `regione-${slug(figures.regionName)}-${today}.xlsx`,
          contentType: XLSX,
          content,
          editionCode: null,
        }),
      );
      return true;
    } catch (error) {
      this.logger.error(`region file ${row.id} failed: ${(error as Error).message}`);
      await fail((error as Error).message);
      throw error;
    }
  }
}
