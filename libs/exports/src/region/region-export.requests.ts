import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@rtd/audit';
import { callerAccess, on } from '@rtd/authz';
import { actorSubject, badInput, forbidden, rateLimited, RequestContext, QUEUES } from '@rtd/kernel';
import { Outbox } from '@rtd/outbox';
import { TenancyService } from '@rtd/tenancy';
import { ExportKindEnum, ExportRequestInput } from '../dto/export.types';
import { ExportJobRow, ExportJobsRepository } from '../export-jobs.repository';

/**
 * The payload of the workbook of «La Regione»: the export_job row to build, the region and who
 * asked. The worker rebuilds from it the narrow context of that observer of that region
 * (RegionFileBuilder); the outbox takes the message only from the observer it names
 * (migrations/1764000280000-region-export.ts).
 */
export interface RegionFileMessage {
  kind: 'region-file';
  exportJobId: string;
  regionCode: string;
  subject: string;
  personId: string | null;
  machineClientId: string | null;
}

/** What a region's file is not asked with: it is the region's, whole. */
const NOT_FOR_REGION = ['comuneId', 'consortiumId', 'edition', 'commentary', 'pianoVersionId'] as const;

/** Refused to anyone but the region's observer (an RTD, a referent, another region's observer). */
export const REGION_EXPORT_FORBIDDEN =
  'Solo l’osservatore regionale di questa Regione può esportarne i dati (La Regione)';

/**
 * REGION_XLSX on request: the input and the right checked (the ability's `export` on
 * `RegionExport`: the observer of that region), then a QUEUED export job of the region, its
 * outbox message and its audit entry in one transaction.
 */
@Injectable()
export class RegionExportRequests {
  constructor(
    private readonly jobs: ExportJobsRepository,
    private readonly audit: AuditTrail,
    private readonly outbox: Outbox,
    private readonly tenancy: TenancyService,
  ) {}

  /** The region asked for, refused (BAD_USER_INPUT naming the field) when missing or unknown. */
  async checkInput(ctx: RequestContext, input: ExportRequestInput): Promise<string> {
    for (const field of NOT_FOR_REGION) {
      const value = input[field];
      if (value != null && String(value).trim() !== '')
        throw badInput(field, 'non previsto per i dati della Regione: indicare solo regionCode');
    }
    const regionCode = input.regionCode?.trim() ?? '';
    if (!regionCode)
      throw badInput('regionCode', 'indicare il codice ISTAT della Regione (regionCode), ad esempio "03"');
    if (!/^\d{2}$/.test(regionCode) || !(await this.tenancy.regionExists(ctx, regionCode)))
      throw badInput('regionCode', 'codice ISTAT di regione sconosciuto (due cifre, ad esempio "03")');
    return regionCode;
  }

  /** `perPerson`: the files a person may have waiting (EXPORT_QUEUE_PER_PERSON, ExportsService's). */
  async queue(ctx: RequestContext, input: ExportRequestInput, perPerson: number): Promise<ExportJobRow> {
    const regionCode = await this.checkInput(ctx, input);
    const access = await callerAccess(ctx);
    if (!access.ability.can('export', on('RegionExport', { regionCode })))
      throw forbidden(REGION_EXPORT_FORBIDDEN);
    const principal = access.principal;
    if (!principal) throw forbidden(REGION_EXPORT_FORBIDDEN);
    const subject = actorSubject(ctx.actor);
    return ctx.atomically(async (db) => {
      await this.jobs.pruneOld(db, subject);
      const waiting = await this.jobs.waitingOf(db, subject);
      if (waiting >= perPerson)
        throw rateLimited(
          `File già in preparazione per chi li ha chiesti: ${waiting} (al massimo ${perPerson} alla volta); attendere che siano pronti prima di chiederne altri`,
        );
      const job = await this.jobs.insertRegionQueued(db, { regionCode, requestedBy: subject });
      const message: RegionFileMessage = {
        kind: 'region-file',
        exportJobId: job.id,
        regionCode,
        subject,
        personId: 'personId' in principal ? principal.personId : null,
        machineClientId: 'machineClientId' in principal ? principal.machineClientId : null,
      };
      await this.outbox.add(db, {
        topic: QUEUES.exports,
        payload: { ...message },
        consortiumId: null,
        dedupeKey: `file:${job.id}`,
      });
      await this.audit.record(db, ctx, {
        action: 'export.request',
        entityType: 'ExportJob',
        entityId: job.id,
        consortiumId: null,
        comuneId: null,
        details: { kind: ExportKindEnum.REGION_XLSX, regionCode },
      });
      return job;
    });
  }
}
