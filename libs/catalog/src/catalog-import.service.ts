import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@rtd/audit';
import { authorizeKind, callerAccess } from '@rtd/authz';
import { badInput, conflict, RequestContext } from '@rtd/kernel';
import { PlanEditionImportInput, PlanEditionImportReportObject } from './dto/plan-edition.object';
import { describeImport } from './import/describe-import';
import { CatalogImportError, importEdition } from './import/edition-importer';
import { CatalogParseError } from './parsing/catalog-parse.error';
import { readEditionFromArchive } from './parsing/edition-bundle';

/** The archive's base64 fits the API's 3 MB request body; AgID's text alone zips to well under 1 MB. */
const MAX_ARCHIVE_BYTES = 2 * 1024 * 1024;
const ARCHIVE_FIELD = 'archiveBase64';

function decodeArchive(base64: string): Buffer {
  const text = (base64 ?? '').replace(/\s+/g, '');
  if (text === '' || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) {
    throw badInput(ARCHIVE_FIELD, "l'archivio ZIP va inviato in base64");
  }
  const content = Buffer.from(text, 'base64');
  if (content.length > MAX_ARCHIVE_BYTES) {
    throw badInput(
      ARCHIVE_FIELD,
      `archivio troppo grande (al massimo ${MAX_ARCHIVE_BYTES / 1024 / 1024} MB): togliere le immagini`,
    );
  }
  return content;
}

const optional = (value: string | null | undefined) => (value?.trim() ? value.trim() : undefined);

/**
 * The operator's import of an edition over GraphQL: the same import as the command line, as the
 * platform admin, in the request's transaction with its audit entry. A source defect answers
 * BAD_USER_INPUT naming the file and line of the archive; nothing changes.
 */
@Injectable()
export class CatalogImportService {
  constructor(private readonly audit: AuditTrail) {}

  async importEdition(
    ctx: RequestContext,
    input: PlanEditionImportInput,
  ): Promise<PlanEditionImportReportObject> {
    authorizeKind((await callerAccess(ctx)).ability, 'import', 'PlanCatalog');
    const content = decodeArchive(input.archiveBase64);
    const code = optional(input.code);
    const fields = code
      ? {
          code,
          title: optional(input.title),
          periodFrom: input.periodFrom ?? undefined,
          periodTo: input.periodTo ?? undefined,
          supersedes: optional(input.supersedes),
          description: optional(input.sourceNote),
          url: optional(input.url),
          revision: optional(input.revision),
        }
      : null;
    try {
      const bundle = await readEditionFromArchive(content, 'archivio', fields);
      return await ctx.atomically(async (db) => {
        const report = await importEdition(db, bundle, {
          dryRun: Boolean(input.dryRun),
          refuseLocalLines: true,
        });
        if (!report.dryRun) {
          await this.audit.record(db, ctx, {
            action: 'catalog.import',
            entityType: 'PlanEdition',
            entityId: report.edition,
            consortiumId: null,
            details: {
              created: report.editionCreated,
              added: report.added.length,
              changed: report.changed.length,
              removed: report.removed.length,
              successions: report.successions?.links ?? 0,
            },
          });
        }
        return {
          edition: report.edition,
          title: report.title,
          dryRun: report.dryRun,
          created: report.editionCreated,
          added: report.added,
          changed: report.changed,
          removed: report.removed,
          unchanged: report.unchanged,
          successions: report.successions && {
            fromEdition: report.successions.from,
            links: report.successions.links,
            reviewed: report.successions.reviewed,
            dropped: report.successions.dropped,
            automatic: report.successions.automatic,
          },
          summary: describeImport(report),
        };
      });
    } catch (error) {
      if (error instanceof CatalogParseError) throw badInput(ARCHIVE_FIELD, error.message);
      if (error instanceof CatalogImportError) {
        throw /usate da obiettivi/.test(error.message)
          ? conflict(error.message)
          : badInput('code', error.message);
      }
      throw error;
    }
  }
}
