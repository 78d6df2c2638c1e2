import { Inject, Injectable } from '@nestjs/common';
import { AuditTrail } from '@rtd/audit';
import { Outbox } from '@rtd/outbox';
import { callerAccess, on } from '@rtd/authz';
import {
  actorSubject,
  APP_CONFIG,
  type AppConfig,
  badInput,
  forbidden,
  masculine,
  notFound,
  parseId,
  rateLimited,
  RequestContext,
  QUEUES,
} from '@rtd/kernel';
import { PlanService } from '@rtd/plan';
import { EntityManager } from 'typeorm';
import { DownloadLinkSettings, downloadLinkSettings, signDownload } from './download-link';
import { EXPORTS_CONFIG, type ExportQueueLimits, type ExportsConfig } from './exports.config';
import { ExportJobObject, ExportKindEnum, ExportRequestInput, ExportStateEnum } from './dto/export.types';
import { ComuneFileKind, ComuneFiles, ComuneFileScope } from './comune-files';
import { ExportData } from './export-data';
import { ExportJobRow, ExportJobsRepository } from './export-jobs.repository';
import { RegionExportRequests, RegionFileMessage } from './region/region-export.requests';

/** The queue (and outbox topic) of the files the worker builds: all of them. */
export const EXPORTS_QUEUE = QUEUES.exports;

/** The payload of a report job: the export_job row to build, and the consortium it acts for. */
export interface ConsortiumReportMessage {
  kind: 'consortium-report';
  exportJobId: string;
  consortiumId: string;
}

/**
 * The payload of a scheda or monitoring sheet: the export_job row to build and who asked for it.
 * The worker acts as that requester (JobContext.forRequester) with the roles they hold in the
 * consortium when it runs; the outbox takes the message only from the requester it names
 * (migrations/1764000019000-export-files-in-worker.ts).
 */
export interface ComuneFileMessage {
  kind: 'comune-file';
  exportJobId: string;
  consortiumId: string;
  comuneId: string | null;
  subject: string;
  personId: string | null;
  machineClientId: string | null;
}

/** The payload of the Piano as a document: as a scheda's, with the version of the Piano. */
export interface PianoFileMessage extends Omit<ComuneFileMessage, 'kind' | 'comuneId'> {
  kind: 'piano-file';
  pianoVersionId: string;
}

export type ExportsMessage =
  ConsortiumReportMessage | ComuneFileMessage | PianoFileMessage | RegionFileMessage;

export const isPianoKind = (kind: ExportKindEnum) =>
  kind === ExportKindEnum.PIANO_PDF || kind === ExportKindEnum.PIANO_DOCX;

export const isReportKind = (kind: ExportKindEnum) =>
  kind === ExportKindEnum.CONSORTIUM_REPORT_PDF || kind === ExportKindEnum.CONSORTIUM_REPORT_XLSX;

type Scope = ComuneFileScope;

/**
 * The scheda per comune, the monitoring sheet and the periodic report, on request: rights and
 * input checked when asked (the ability's `export` on `Export`), then a QUEUED export job and its
 * outbox message; the worker builds the file (jobs/), the caller polls exportJob for its state
 * and progress. A job is its requester's (or, the report, its consortium's); each link is signed
 * for the caller and issued, and honoured, only while the caller may still export that scope.
 */
/** The RTD's commentary of a periodic report, at most (export_job.commentary's check). */
export const MAX_COMMENTARY = 4000;

@Injectable()
export class ExportsService {
  private readonly links: DownloadLinkSettings;
  private readonly queue: ExportQueueLimits;

  constructor(
    @Inject(APP_CONFIG) app: AppConfig,
    @Inject(EXPORTS_CONFIG) config: ExportsConfig,
    private readonly data: ExportData,
    private readonly files: ComuneFiles,
    private readonly jobs: ExportJobsRepository,
    private readonly audit: AuditTrail,
    private readonly outbox: Outbox,
    private readonly plan: PlanService,
    private readonly regions: RegionExportRequests,
  ) {
    this.links = downloadLinkSettings(app, config);
    this.queue = config.exportQueue;
  }

  /**
   * The periodic report of a consortium: a QUEUED job and its outbox message in one transaction;
   * the worker builds it (ExportsProcessor). Only for the consortium as a whole (office, staff,
   * auditor: the ability's `export` on the consortium).
   */
  private async queueReport(
    ctx: RequestContext,
    kind: ExportKindEnum,
    scope: Scope,
    commentary: string | null,
  ): Promise<ExportJobObject> {
    if (scope.comune)
      throw badInput('comuneId', 'la relazione periodica riguarda il consorzio: indicare consortiumId');
    if (commentary !== null && commentary.length > MAX_COMMENTARY)
      throw badInput('commentary', `al massimo ${MAX_COMMENTARY} caratteri`);
    const subject = actorSubject(ctx.actor);
    const row = await ctx.atomically(async (db) => {
      await this.checkBacklog(db, scope.consortium.id);
      const job = await this.jobs.insertQueued(db, {
        consortiumId: scope.consortium.id,
        kind,
        requestedBy: subject,
        commentary,
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

  /**
   * A version of the consortium's Piano as a document (PIANO_PDF, PIANO_DOCX): for whoever reads
   * the version and may export the consortium (its office, staff and auditors); the worker builds
   * it as them (PianoFileBuilder), kept a day like a scheda.
   */
  private async queuePiano(ctx: RequestContext, input: ExportRequestInput): Promise<ExportJobObject> {
    if (input.comuneId) throw badInput('comuneId', 'il Piano è del consorzio: indicare pianoVersionId');
    if (!input.pianoVersionId)
      throw badInput('pianoVersionId', 'indicare la versione del Piano (pianoVersionId)');
    if (input.commentary?.trim()) throw badInput('commentary', 'solo per la relazione periodica');
    const version = await this.plan.version(ctx, input.pianoVersionId);
    if (input.consortiumId && input.consortiumId !== version.consortiumId)
      throw badInput('consortiumId', 'la versione del Piano è di un altro consorzio');
    const access = await callerAccess(ctx);
    const target = { consortiumId: version.consortiumId, comuneId: null };
    if (!access.ability.can('export', on('Export', target))) throw forbidden();
    const principal = access.principal;
    if (!principal) throw forbidden();
    const subject = actorSubject(ctx.actor);
    const row = await ctx.atomically(async (db) => {
      await this.jobs.pruneOld(db, subject);
      await this.checkBacklog(db, target.consortiumId);
      const job = await this.jobs.insertQueued(db, {
        ...target,
        kind: input.kind,
        requestedBy: subject,
        pianoVersionId: version.id,
      });
      const message: PianoFileMessage = {
        kind: 'piano-file',
        exportJobId: job.id,
        consortiumId: target.consortiumId,
        pianoVersionId: version.id,
        subject,
        personId: 'personId' in principal ? principal.personId : null,
        machineClientId: 'machineClientId' in principal ? principal.machineClientId : null,
      };
      await this.outbox.add(db, {
        topic: EXPORTS_QUEUE,
        payload: { ...message },
        consortiumId: target.consortiumId,
        dedupeKey: `file:${job.id}`,
      });
      await this.audit.record(db, ctx, {
        action: 'export.request',
        entityType: 'ExportJob',
        entityId: job.id,
        consortiumId: target.consortiumId,
        comuneId: null,
        details: { kind: input.kind, pianoVersionId: version.id },
      });
      return job;
    });
    return this.toObject(row, subject);
  }

  async request(ctx: RequestContext, input: ExportRequestInput): Promise<ExportJobObject> {
    if (input.kind === ExportKindEnum.REGION_XLSX)
      return this.toObject(
        await this.regions.queue(ctx, input, this.queue.perPerson),
        actorSubject(ctx.actor),
      );
    if (input.regionCode?.trim()) throw badInput('regionCode', 'solo per i dati della Regione (REGION_XLSX)');
    if (isPianoKind(input.kind)) return this.queuePiano(ctx, input);
    if (input.pianoVersionId) throw badInput('pianoVersionId', 'solo per il Piano (PIANO_PDF, PIANO_DOCX)');
    const scope = await this.scope(ctx, input);
    const access = await callerAccess(ctx);
    const target = { consortiumId: scope.consortium.id, comuneId: scope.comune?.id ?? null };
    if (!access.ability.can('export', on('Export', target))) throw forbidden();
    const commentary = input.commentary?.trim() || null;
    if (isReportKind(input.kind)) return this.queueReport(ctx, input.kind, scope, commentary);
    if (commentary !== null) throw badInput('commentary', 'solo per la relazione periodica');
    const kind = input.kind as ComuneFileKind;
    const edition =
      kind === ExportKindEnum.MONITORING_XLSX && input.edition != null
        ? await this.files.checkEdition(ctx, input.edition)
        : null;
    const principal = access.principal;
    if (!principal) throw forbidden();

    const subject = actorSubject(ctx.actor);
    const row = await ctx.atomically(async (db) => {
      await this.jobs.pruneOld(db, subject);
      await this.checkBacklog(db, target.consortiumId);
      const job = await this.jobs.insertQueued(db, {
        ...target,
        kind,
        editionCode: edition,
        requestedBy: subject,
      });
      const message: ComuneFileMessage = {
        kind: 'comune-file',
        exportJobId: job.id,
        ...target,
        subject,
        personId: 'personId' in principal ? principal.personId : null,
        machineClientId: 'machineClientId' in principal ? principal.machineClientId : null,
      };
      await this.outbox.add(db, {
        topic: EXPORTS_QUEUE,
        payload: { ...message },
        consortiumId: target.consortiumId,
        dedupeKey: `file:${job.id}`,
      });
      await this.audit.record(db, ctx, {
        action: 'export.request',
        entityType: 'ExportJob',
        entityId: job.id,
        consortiumId: target.consortiumId,
        comuneId: target.comuneId,
        details: { kind, edition },
      });
      return job;
    });
    return this.toObject(row, subject);
  }

  /**
   * One worker builds every consortium's files: a person, and a consortium, may have only so many
   * waiting (EXPORT_QUEUE_PER_PERSON, EXPORT_QUEUE_PER_CONSORTIUM), and the relay hands the worker
   * each consortium's in turn (fair priorities, libs/outbox). Over a cap: RATE_LIMITED, nothing queued.
   */
  private async checkBacklog(db: EntityManager, consortiumId: string): Promise<void> {
    const waiting = await this.jobs.backlog(db, consortiumId);
    if (waiting.mine >= this.queue.perPerson)
      throw rateLimited(
        `File già in preparazione per chi li ha chiesti: ${waiting.mine} (al massimo ${this.queue.perPerson} alla volta); attendere che siano pronti prima di chiederne altri`,
      );
    if (waiting.consortium >= this.queue.perConsortium)
      throw rateLimited(
        `File già in preparazione per il consorzio: ${waiting.consortium} (al massimo ${this.queue.perConsortium}); riprovare tra qualche minuto`,
      );
  }

  /**
   * The caller's own job (or a report of their consortium), with a fresh link; NOT_FOUND for
   * anyone else's, FORBIDDEN once the caller may no longer export its scope (a role revoked
   * since the request): a fresh link re-checks the rights, it does not remember them.
   */
  async job(ctx: RequestContext, id: string): Promise<ExportJobObject> {
    const subject = actorSubject(ctx.actor);
    const row = await this.jobs.byId(await ctx.db(), parseId('id', id), subject);
    if (!row) throw notFound(masculine('File'));
    if (!(await this.mayExport(ctx, row))) throw forbidden();
    return this.toObject(row, subject);
  }

  /**
   * For the download route: the file, if the caller asked for it (row-level security agrees) and
   * may still export its scope ('forbidden' otherwise), or null.
   */
  async file(
    ctx: RequestContext,
    id: string,
  ): Promise<{ fileName: string; contentType: string; content: Buffer } | 'forbidden' | null> {
    const subject = actorSubject(ctx.actor);
    const db = await ctx.db();
    const row = await this.jobs.byId(db, id, subject);
    if (!row || row.state !== 'COMPLETED') return null;
    if (!(await this.mayExport(ctx, row))) return 'forbidden';
    const content = await this.jobs.content(db, id, subject);
    if (!content) return null;
    return {
      fileName: row.fileName ?? 'file',
      contentType: row.contentType ?? 'application/octet-stream',
      content,
    };
  }

  /** The ability's `export` on the job's scope, with the caller's rights of now. */
  private async mayExport(ctx: RequestContext, row: ExportJobRow): Promise<boolean> {
    const { ability } = await callerAccess(ctx);
    if (row.regionCode !== null)
      return ability.can('export', on('RegionExport', { regionCode: row.regionCode }));
    if (row.consortiumId === null) return false;
    return ability.can('export', on('Export', { consortiumId: row.consortiumId, comuneId: row.comuneId }));
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

  /** The API view of a job, with a link signed for `subject` when the file is ready. */
  toObject(row: ExportJobRow, subject: string): ExportJobObject {
    const link = row.state === 'COMPLETED' ? signDownload(this.links, row.id, subject) : null;
    return {
      id: row.id,
      kind: row.kind as ExportKindEnum,
      state: row.state as ExportStateEnum,
      consortiumId: row.consortiumId,
      regionCode: row.regionCode,
      comuneId: row.comuneId,
      edition: row.editionCode,
      pianoVersionId: row.pianoVersionId,
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
