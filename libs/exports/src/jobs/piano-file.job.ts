import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { callerAccess, JobContext, on } from '@rtd/authz';
import { APP_DATA_SOURCE } from '@rtd/kernel';
import { slug } from '../comune-files';
import { ExportJobsRepository, ofConsortium } from '../export-jobs.repository';
import { PianoFileMessage } from '../exports.service';
import { pianoDocx, pianoPdf } from '../piano/piano-document';
import { PianoDocumentService } from '../piano/piano-document.service';
import { REQUESTER_REVOKED, requesterContext } from './comune-file.job';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * Builds a version of the consortium's Piano as a document (PIANO_PDF, PIANO_DOCX) in the worker,
 * as the person who asked for it: PianoDocumentService.gather reads the version through the plan
 * library's services under their context (row-level security and CASL as in the API), then
 * pianoPdf or pianoDocx draws it and the file is stored on the requester's row.
 */
@Injectable()
export class PianoFileBuilder {
  private readonly logger = new Logger(PianoFileBuilder.name);

  constructor(
    private readonly documents: PianoDocumentService,
    private readonly jobs: ExportJobsRepository,
    @Inject(APP_DATA_SOURCE) private readonly dataSource: DataSource,
  ) {}

  async build(office: JobContext, message: PianoFileMessage): Promise<boolean> {
    const requester = await requesterContext(this.dataSource, office, message);
    const row = await requester.run(async (ctx) =>
      this.jobs.byId(await ctx.db(), message.exportJobId, message.subject),
    );
    if (!ofConsortium(row) || row.state === 'COMPLETED' || row.state === 'FAILED' || !row.pianoVersionId)
      return false;
    const versionId = row.pianoVersionId;
    const fail = (reason: string) =>
      requester.run(async (ctx) => this.jobs.fail(await ctx.db(), row.id, reason));
    const progress = (value: number) =>
      requester.run(async (ctx) => this.jobs.markRunning(await ctx.db(), row.id, value));

    const allowed = await requester.run(async (ctx) =>
      (await callerAccess(ctx)).ability.can(
        'export',
        on('Export', { consortiumId: row.consortiumId, comuneId: null }),
      ),
    );
    if (!allowed) {
      await fail(REQUESTER_REVOKED);
      return false;
    }
    try {
      await progress(10);
      const doc = await requester.run((ctx) => this.documents.gather(ctx, versionId));
      await progress(60);
      const pdf = row.kind === 'PIANO_PDF';
      const content = pdf ? await pianoPdf(doc) : await pianoDocx(doc);
      const fileName = `piano-${slug(doc.consortiumName)}-${doc.year}-v${doc.number}.${pdf ? 'pdf' : 'docx'}`;
      await progress(95);
      await requester.run(async (ctx) =>
        this.jobs.completeFile(await ctx.db(), row.id, {
          fileName,
          contentType: pdf ? 'application/pdf' : DOCX,
          content,
          editionCode: null,
        }),
      );
      return true;
    } catch (error) {
      this.logger.error(`piano file ${row.id} failed: ${(error as Error).message}`);
      await fail((error as Error).message);
      throw error;
    }
  }
}
