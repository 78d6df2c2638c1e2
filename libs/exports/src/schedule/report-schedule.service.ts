import { Injectable, Logger } from '@nestjs/common';
import { AuditTrail } from '@rtd/audit';
import { authorize, callerAccess, JobContext, on } from '@rtd/authz';
import { todayInRome } from '@rtd/dates';
import { actorSubject, badInput, feminine, forbidden, parseId, RequestContext } from '@rtd/kernel';
import { Outbox } from '@rtd/outbox';
import { allConsortia } from '@rtd/tenancy';
import { ExportJobObject } from '../dto/export.types';
import { ExportData } from '../export-data';
import { ConsortiumReportMessage, EXPORTS_QUEUE, ExportsService } from '../exports.service';
import { DEFAULT_RULE, duePeriod, nextRunOn } from './report-period';
import { ReportScheduleRepository, ReportScheduleRow } from './report-schedule.repository';
import {
  ConsortiumReportScheduleObject,
  ReportFormatEnum,
  ReportFrequencyEnum,
  SetConsortiumReportScheduleInput,
} from './report-schedule.types';

/** The subject scheduled reports are requested by, and the worker acts as (1764000017000's policies). */
export const SCHEDULED_REPORT_SUBJECT = 'system:exports';

/** At most this many reports in one `consortiumReports` answer. */
export const MAX_LISTED_REPORTS = 50;

const REPORT = feminine('Relazione periodica');

/**
 * The periodic report on a schedule: the office's schedule (read by the office, set by its RTD),
 * the list of the consortium's reports with a link for the caller, and the daily run that
 * queues each consortium's report once per period through the same outbox path as a request.
 */
@Injectable()
export class ReportScheduleService {
  private readonly logger = new Logger(ReportScheduleService.name);

  constructor(
    private readonly data: ExportData,
    private readonly repository: ReportScheduleRepository,
    private readonly exports: ExportsService,
    private readonly audit: AuditTrail,
    private readonly outbox: Outbox,
  ) {}

  async schedule(ctx: RequestContext, consortiumId: string): Promise<ConsortiumReportScheduleObject> {
    const id = await this.readable(ctx, parseId('consortiumId', consortiumId));
    const db = await ctx.db();
    return this.toObject(
      ctx,
      id,
      await this.repository.schedule(db, id),
      await this.repository.scheduledPeriods(db, id),
    );
  }

  async setSchedule(
    ctx: RequestContext,
    input: SetConsortiumReportScheduleInput,
  ): Promise<ConsortiumReportScheduleObject> {
    const id = await this.readable(ctx, parseId('consortiumId', input.consortiumId));
    const { ability } = await callerAccess(ctx);
    if (!ability.can('update', on('ConsortiumReport', { consortiumId: id })))
      throw forbidden(
        'Solo il Responsabile per la transizione digitale del consorzio imposta la relazione periodica',
      );
    const dayOfMonth = input.dayOfMonth ?? DEFAULT_RULE.dayOfMonth;
    if (!Number.isInteger(dayOfMonth) || dayOfMonth < 1 || dayOfMonth > 28)
      throw badInput('dayOfMonth', 'il giorno del mese va da 1 a 28');
    const subject = actorSubject(ctx.actor);
    const saved = await ctx.atomically(async (db) => {
      const row = await this.repository.save(db, {
        consortiumId: id,
        frequency: input.frequency,
        format: input.format ?? ReportFormatEnum.PDF,
        dayOfMonth,
        updatedBy: subject,
      });
      await this.audit.record(db, ctx, {
        action: 'export.schedule',
        entityType: 'ConsortiumReportSchedule',
        entityId: id,
        consortiumId: id,
        comuneId: null,
        details: { frequency: row.frequency, format: row.format, dayOfMonth: row.dayOfMonth },
      });
      return row;
    });
    return this.toObject(ctx, id, saved, await this.repository.scheduledPeriods(await ctx.db(), id));
  }

  /** The consortium's reports still kept, newest first, each with a link signed for the caller. */
  async reports(
    ctx: RequestContext,
    consortiumId: string,
    first?: number | null,
  ): Promise<ExportJobObject[]> {
    const limit = first ?? 20;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LISTED_REPORTS)
      throw badInput('first', `da 1 a ${MAX_LISTED_REPORTS} relazioni`);
    const id = await this.readable(ctx, parseId('consortiumId', consortiumId));
    const subject = actorSubject(ctx.actor);
    const rows = await this.repository.reports(await ctx.db(), id, limit);
    return rows.map((row) => this.exports.toObject(row, subject));
  }

  /**
   * The daily run: for each consortium whose report is due on `day` (monthly on day 1 when its
   * office set nothing), a QUEUED report and its outbox message, once per period. Lists the
   * consortia with the one right that needs, then acts for each with its own rights only.
   */
  async queueDue(job: JobContext, day: string = todayInRome()): Promise<number> {
    const consortia = await job.listingConsortia().run(async (ctx) => allConsortia(await ctx.db()));
    let queued = 0;
    for (const { id } of consortia) {
      const done = await job.forConsortium(id).run(async (ctx) => this.queueOne(ctx, id, day));
      if (done) queued += 1;
    }
    this.logger.log(`scheduled periodic reports of ${day}: ${queued} queued`);
    return queued;
  }

  private async queueOne(ctx: RequestContext, consortiumId: string, day: string): Promise<boolean> {
    const db = await ctx.db();
    const stored = await this.repository.schedule(db, consortiumId);
    const rule = stored ?? DEFAULT_RULE;
    const period = duePeriod(rule, day);
    if (!period) return false;
    const format = stored?.format ?? DEFAULT_RULE.format;
    const kind = format === 'XLSX' ? 'CONSORTIUM_REPORT_XLSX' : 'CONSORTIUM_REPORT_PDF';
    return ctx.atomically(async (tx) => {
      const job = await this.repository.insertScheduled(tx, {
        consortiumId,
        kind,
        requestedBy: actorSubject(ctx.actor),
        period,
      });
      if (!job) return false;
      const message: ConsortiumReportMessage = {
        kind: 'consortium-report',
        exportJobId: job.id,
        consortiumId,
      };
      await this.outbox.add(tx, {
        topic: EXPORTS_QUEUE,
        payload: { ...message },
        consortiumId,
        dedupeKey: `report:${consortiumId}:${period}`,
      });
      await this.audit.record(tx, ctx, {
        action: 'export.request',
        entityType: 'ExportJob',
        entityId: job.id,
        consortiumId,
        comuneId: null,
        details: { kind, period, scheduled: true },
      });
      return true;
    });
  }

  /** The consortium, when the caller may read its reports: NOT_FOUND otherwise (or FORBIDDEN, when it sees the consortium). */
  private async readable(ctx: RequestContext, consortiumId: string): Promise<string> {
    const consortium = await this.data.consortium(ctx, consortiumId);
    const { ability } = await callerAccess(ctx);
    authorize(ability, 'read', 'ConsortiumReport', { consortiumId: consortium.id }, REPORT);
    return consortium.id;
  }

  private async toObject(
    ctx: RequestContext,
    consortiumId: string,
    row: ReportScheduleRow | null,
    queued: Set<string>,
  ): Promise<ConsortiumReportScheduleObject> {
    const rule = row ?? { ...DEFAULT_RULE, updatedAt: null };
    const { ability } = await callerAccess(ctx);
    return {
      consortiumId,
      frequency: rule.frequency as ReportFrequencyEnum,
      format: rule.format as ReportFormatEnum,
      dayOfMonth: rule.dayOfMonth,
      isSet: row !== null,
      nextRunOn: nextRunOn(rule, todayInRome(), (period) => queued.has(period)),
      updatedAt: rule.updatedAt,
      canEdit: ability.can('update', on('ConsortiumReport', { consortiumId })),
    };
  }
}
