import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@rtd/audit';
import { Outbox } from '@rtd/outbox';
import { callerAccess, on } from '@rtd/authz';
import { todayInRome } from '@rtd/dates';
import { actorSubject, badInput, forbidden, masculine, notFound, parseId, RequestContext } from '@rtd/kernel';
import { ComuneObject, ConsortiumObject } from '@rtd/tenancy';
import { DownloadLinkSettings, downloadLinkSettings, signDownload } from './download-link';
import { ExportJobObject, ExportKindEnum, ExportRequestInput, ExportStateEnum } from './dto/export.types';
import { ComuneSheet, ExportData } from './export-data';
import { ExportJobRow, ExportJobsRepository } from './export-jobs.repository';
import { renderMonitoring } from './monitoring/monitoring-xlsx';
import { renderScheda } from './scheda/scheda-pdf';

const CONTENT_TYPE = {
  SCHEDA_COMUNE_PDF: 'application/pdf',
  MONITORING_XLSX: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  CONSORTIUM_REPORT_PDF: 'application/pdf',
  CONSORTIUM_REPORT_XLSX: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** The queue (and outbox topic) of the files the worker builds: the periodic report. */
export const EXPORTS_QUEUE = 'exports';

/** The payload of a report job: the export_job row to build, and the consortium it acts for. */
export interface ConsortiumReportMessage {
  kind: 'consortium-report';
  exportJobId: string;
  consortiumId: string;
}

export const isReportKind = (kind: ExportKindEnum) =>
  kind === ExportKindEnum.CONSORTIUM_REPORT_PDF || kind === ExportKindEnum.CONSORTIUM_REPORT_XLSX;

const slug = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);

interface Scope {
  consortium: ConsortiumObject;
  comune: ComuneObject | null;
}

/**
 * The scheda per comune and the monitoring sheet, on request: rights checked when asked (the
 * ability's `export` on `Export`), the file built in the caller's transaction from the same
 * services as the API, kept as an export job only its requester can read, and handed out by a
 * short-lived link signed for that requester. Building runs inline today; a worker can take
 * over QUEUED jobs (the periodic report) without changing the API.
 */
@Injectable()
export class ExportsService {
  private readonly links: DownloadLinkSettings = downloadLinkSettings();

  constructor(
    private readonly data: ExportData,
    private readonly jobs: ExportJobsRepository,
    private readonly audit: AuditTrail,
    private readonly outbox: Outbox,
  ) {}

  /**
   * The periodic report of a consortium: a QUEUED job and its outbox message in one transaction;
   * the worker builds it (ExportsProcessor). Only for the consortium as a whole (office, staff,
   * auditor: the ability's `export` on the consortium).
   */
  private async queueReport(
    ctx: RequestContext,
    kind: ExportKindEnum,
    scope: Scope,
  ): Promise<ExportJobObject> {
    if (scope.comune)
      throw badInput('comuneId', 'la relazione periodica riguarda il consorzio: indicare consortiumId');
    const subject = actorSubject(ctx.actor);
    const row = await ctx.atomically(async (db) => {
      const job = await this.jobs.insertQueued(db, {
        consortiumId: scope.consortium.id,
        kind,
        requestedBy: subject,
      });
      const message: ConsortiumReportMessage = {
        kind: 'consortium-report',
        exportJobId: job.id,
        consortiumId: scope.consortium.id,
      };
      await this.outbox.add(db, {
        topic: EXPORTS_QUEUE,
        payload: { ...message },
        consortiumId: scope.consortium.id,
        dedupeKey: `report:${job.id}`,
      });
      await this.audit.record(db, ctx, {
        action: 'export.request',
        entityType: 'ExportJob',
        entityId: job.id,
        consortiumId: scope.consortium.id,
        comuneId: null,
        details: { kind },
      });
      return job;
    });
    return this.toObject(row, subject);
  }

  async request(ctx: RequestContext, input: ExportRequestInput): Promise<ExportJobObject> {
    const scope = await this.scope(ctx, input);
    const { ability } = await callerAccess(ctx);
    const target = { consortiumId: scope.consortium.id, comuneId: scope.comune?.id ?? null };
    if (!ability.can('export', on('Export', target))) throw forbidden();
    if (isReportKind(input.kind)) return this.queueReport(ctx, input.kind, scope);

    const comuni = scope.comune ? [scope.comune] : await this.data.members(ctx, scope.consortium.id);
    const sheets = await this.data.comuneSheets(ctx, scope.consortium, comuni);
    const today = todayInRome();
    const name = scope.comune
      ? `${slug(scope.comune.name)}-${scope.comune.istatCode}`
      : slug(scope.consortium.name);
    let file: { fileName: string; content: Buffer; edition: string | null };
    const kind = input.kind as ExportKindEnum.SCHEDA_COMUNE_PDF | ExportKindEnum.MONITORING_XLSX;
    if (input.kind === ExportKindEnum.SCHEDA_COMUNE_PDF) {
      file = {
        fileName: `${scope.comune ? 'scheda-comune' : 'schede-comuni'}-${name}.pdf`,
        content: await renderScheda(sheets, today),
        edition: null,
      };
    } else {
      const edition = await this.edition(ctx, input.edition ?? null, sheets);
      const lines = await this.data.editionLines(ctx, edition);
      file = {
        fileName: `monitoraggio-${name}-${edition}.xlsx`,
        content: await renderMonitoring(sheets, lines, edition, today),
        edition,
      };
    }

    const subject = actorSubject(ctx.actor);
    const row = await ctx.atomically(async (db) => {
      await this.jobs.pruneOld(db, subject);
      const job = await this.jobs.insertCompleted(db, {
        ...target,
        kind,
        editionCode: file.edition,
        requestedBy: subject,
        fileName: file.fileName,
        contentType: CONTENT_TYPE[kind],
        content: file.content,
      });
      await this.audit.record(db, ctx, {
        action: 'export.request',
        entityType: 'ExportJob',
        entityId: job.id,
        consortiumId: target.consortiumId,
        comuneId: target.comuneId,
        details: { kind: input.kind, edition: file.edition, fileName: file.fileName },
      });
      return job;
    });
    return this.toObject(row, subject);
  }

  /** The caller's own job, with a fresh link; NOT_FOUND for anyone else's. */
  async job(ctx: RequestContext, id: string): Promise<ExportJobObject> {
    const subject = actorSubject(ctx.actor);
    const row = await this.jobs.byId(await ctx.db(), parseId('id', id), subject);
    if (!row) throw notFound(masculine('File'));
    return this.toObject(row, subject);
  }

  /** For the download route: the file, if the caller asked for it (row-level security agrees). */
  async file(
    ctx: RequestContext,
    id: string,
  ): Promise<{ fileName: string; contentType: string; content: Buffer } | null> {
    const subject = actorSubject(ctx.actor);
    const db = await ctx.db();
    const row = await this.jobs.byId(db, id, subject);
    if (!row || row.state !== 'COMPLETED') return null;
    const content = await this.jobs.content(db, id, subject);
    if (!content) return null;
    return {
      fileName: row.fileName ?? 'file',
      contentType: row.contentType ?? 'application/octet-stream',
      content,
    };
  }

  linkSettings(): DownloadLinkSettings {
    return this.links;
  }

  private async scope(ctx: RequestContext, input: ExportRequestInput): Promise<Scope> {
    if (Boolean(input.comuneId) === Boolean(input.consortiumId)) {
      throw badInput(
        'comuneId',
        'indicare il Comune (comuneId) oppure il consorzio (consortiumId), uno solo dei due',
      );
    }
    if (input.comuneId) {
      const comune = await this.data.comune(ctx, parseId('comuneId', input.comuneId));
      const consortiumId = await this.data.consortiumIdOf(ctx, comune.id);
      if (!consortiumId) throw badInput('comuneId', 'il Comune non fa parte di un consorzio visibile');
      return { consortium: await this.data.consortium(ctx, consortiumId), comune };
    }
    return {
      consortium: await this.data.consortium(ctx, parseId('consortiumId', input.consortiumId as string)),
      comune: null,
    };
  }

  private async edition(ctx: RequestContext, asked: string | null, sheets: ComuneSheet[]): Promise<string> {
    const editions = await this.data.editions(ctx);
    if (asked !== null) {
      if (!editions.includes(asked))
        throw badInput('edition', `edizione sconosciuta; disponibili: ${editions.join(', ')}`);
      return asked;
    }
    const used = new Map<string, number>();
    for (const sheet of sheets)
      for (const a of sheet.assignments) used.set(a.edition, (used.get(a.edition) ?? 0) + 1);
    const [mostUsed] = [...used.entries()].sort((a, b) => b[1] - a[1] || b[0].localeCompare(a[0]));
    return mostUsed?.[0] ?? [...editions].sort().at(-1) ?? '2024-2026';
  }

  /** The API view of a job, with a link signed for `subject` when the file is ready. */
  toObject(row: ExportJobRow, subject: string): ExportJobObject {
    const link = row.state === 'COMPLETED' ? signDownload(this.links, row.id, subject) : null;
    return {
      id: row.id,
      kind: row.kind as ExportKindEnum,
      state: row.state as ExportStateEnum,
      consortiumId: row.consortiumId,
      comuneId: row.comuneId,
      edition: row.editionCode,
      fileName: row.fileName,
      size: row.byteSize,
      requestedAt: row.requestedAt,
      finishedAt: row.finishedAt,
      downloadUrl: link?.url ?? null,
      downloadExpiresAt: link?.expiresAt ?? null,
      progress: row.progress,
      expiresAt: row.expiresAt,
    };
  }
}
