import { Inject, Injectable } from '@nestjs/common';
import { EvidenceKind, EvidenceObject, EvidenceService, EvidenceUploadObject } from '@rtd/assignments';
import { actorSubject, APP_CONFIG, RequestContext } from '@rtd/kernel';
import type { AppConfig } from '@rtd/kernel';
import {
  checkDownload,
  checkUpload,
  DownloadLinkSettings,
  downloadLinkSettings,
  evidenceDownloadKey,
  LinkCheck,
  SignedLink,
  signDownload,
  signUpload,
  UploadTerms,
} from '../download-link';
import { EXPORTS_CONFIG, type ExportsConfig } from '../exports.config';

/**
 * The signed, short-lived links of evidence files (docs/evidence-files.md), the exports' own
 * (download-link.ts, same key and lifetime): where to POST a file (createEvidenceUpload, after
 * the assignments domain checked the terms), and where to download a current one, for the caller
 * only. The bytes and every rule are the assignments domain's (EvidenceService).
 */
@Injectable()
export class EvidenceLinks {
  private readonly links: DownloadLinkSettings;

  constructor(
    @Inject(APP_CONFIG) app: AppConfig,
    @Inject(EXPORTS_CONFIG) config: ExportsConfig,
    private readonly evidence: EvidenceService,
  ) {
    this.links = downloadLinkSettings(app, config);
  }

  async createUpload(
    ctx: RequestContext,
    input: { assignmentId: string; fileName: string; description: string | null; replacesId: string | null },
  ): Promise<EvidenceUploadObject> {
    const terms = await this.evidence.prepareUpload(ctx, input);
    const link = signUpload(this.links, terms, actorSubject(ctx.actor));
    return { url: link.url, expiresAt: link.expiresAt, maxBytes: this.evidence.maxFileBytes };
  }

  checkUpload(ctx: RequestContext, terms: UploadTerms, expires: string, signature: string): LinkCheck {
    return checkUpload(this.links, terms, expires, signature, actorSubject(ctx.actor));
  }

  /** A download link of a current file for the caller; null for a link, a note or a removed file. */
  download(ctx: RequestContext, evidence: EvidenceObject): SignedLink | null {
    if (evidence.kind !== EvidenceKind.FILE || evidence.removedAt) return null;
    return signDownload(this.links, evidenceDownloadKey(evidence.id), actorSubject(ctx.actor));
  }

  checkDownload(ctx: RequestContext, evidenceId: string, expires: string, signature: string): LinkCheck {
    return checkDownload(
      this.links,
      evidenceDownloadKey(evidenceId),
      expires,
      signature,
      actorSubject(ctx.actor),
    );
  }
}
