import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobContext, on, callerAccess } from '@rtd/authz';
import { todayInRome } from '@rtd/dates';
import { activeMembershipsOf, grantedRoles, Principal } from '@rtd/identity';
import { APP_DATA_SOURCE } from '@rtd/kernel';
import { BuiltFile, ComuneFiles } from '../comune-files';
import { ComuneSheet } from '../export-data';
import { ExportJobsRepository, ofConsortium } from '../export-jobs.repository';
import { ComuneFileMessage } from '../exports.service';

/**
 * The requester's context: their subject, and the roles they hold in the job's consortium now
 * (read by the consortium's office context, which sees the consortium's memberships).
 */
export async function requesterContext(
  dataSource: DataSource,
  office: JobContext,
  message: Pick<ComuneFileMessage, 'subject' | 'personId' | 'machineClientId' | 'consortiumId'>,
): Promise<JobContext> {
  const principal: Principal | null = message.personId
    ? { personId: message.personId }
    : message.machineClientId
      ? { machineClientId: message.machineClientId }
      : null;
  const grants = principal
    ? grantedRoles(await office.run(async (ctx) => activeMembershipsOf(await ctx.db(), principal)))
    : [];
  return JobContext.forRequester(
    dataSource,
    { subject: message.subject, personId: message.personId },
    message.consortiumId,
    grants,
  );
}

/** Why a file was not built for a requester who may no longer export its scope (kept on the row). */
export const REQUESTER_REVOKED =
  'Chi ha chiesto il file non può più esportare questo ambito: il ruolo è stato revocato';

/**
 * Builds a scheda per comune or a monitoring sheet in the worker, as the person who asked for it:
 * their roles in the job's consortium are read when the job runs (by the consortium's office
 * context, which sees the consortium's memberships), and the file is gathered and stored through
 * JobContext.forRequester, so it holds what that person sees, no more. Progress moves as each
 * comune is read (a consortium's schede are many), in transactions of their own so that polling
 * sees it.
 */
@Injectable()
export class ComuneFileBuilder {
  private readonly logger = new Logger(ComuneFileBuilder.name);

  constructor(
    private readonly files: ComuneFiles,
    private readonly jobs: ExportJobsRepository,
    @Inject(APP_DATA_SOURCE) private readonly dataSource: DataSource,
  ) {}

  async build(office: JobContext, message: ComuneFileMessage): Promise<boolean> {
    const requester = await requesterContext(this.dataSource, office, message);
    const row = await requester.run(async (ctx) =>
      this.jobs.byId(await ctx.db(), message.exportJobId, message.subject),
    );
    if (!ofConsortium(row) || row.state === 'COMPLETED' || row.state === 'FAILED') return false;
    const fail = (reason: string) =>
      requester.run(async (ctx) => this.jobs.fail(await ctx.db(), row.id, reason));
    const progress = (value: number) =>
      requester.run(async (ctx) => this.jobs.markRunning(await ctx.db(), row.id, value));

    const allowed = await requester.run(async (ctx) =>
      (await callerAccess(ctx)).ability.can(
        'export',
        on('Export', { consortiumId: row.consortiumId, comuneId: row.comuneId }),
      ),
    );
    if (!allowed) {
      await fail(REQUESTER_REVOKED);
      return false;
    }
    try {
      await progress(5);
      const today = todayInRome();
      const { scope, comuni } = await requester.run(async (ctx) => {
        const scope = await this.files.scope(ctx, row.consortiumId, row.comuneId);
        return { scope, comuni: await this.files.comuni(ctx, scope) };
      });
      const sheets: ComuneSheet[] = [];
      for (const comune of comuni) {
        sheets.push(await requester.run((ctx) => this.files.sheet(ctx, scope.consortium, comune)));
        await progress(5 + Math.floor((75 * sheets.length) / comuni.length));
      }
      const file: BuiltFile = await requester.run(async (ctx) =>
        row.kind === 'SCHEDA_COMUNE_PDF'
          ? this.files.scheda(scope, sheets, today)
          : this.files.monitoring(
              ctx,
              scope,
              sheets,
              await this.files.editionsOf(ctx, row.editionCode, sheets),
              today,
            ),
      );
      await progress(95);
      await requester.run(async (ctx) =>
        this.jobs.completeFile(await ctx.db(), row.id, { ...file, editionCode: file.edition }),
      );
      return true;
    } catch (error) {
      this.logger.error(`export file ${row.id} failed: ${(error as Error).message}`);
      await fail((error as Error).message);
      throw error;
    }
  }
}
