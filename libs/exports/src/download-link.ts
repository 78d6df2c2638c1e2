import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AppConfig } from '@rtd/kernel';
import type { ExportsConfig } from './exports.config';

export interface DownloadLinkSettings {
  secret: Buffer;
  ttlSeconds: number;
}

/**
 * The signing key and lifetime of the links, from the validated configuration: DOWNLOAD_LINK_SECRET
 * (libs/kernel app-config.ts, shared with the calendar) and DOWNLOAD_LINK_TTL_SECONDS (exports.config.ts).
 */
export function downloadLinkSettings(
  app: Pick<AppConfig, 'downloadLinkSecret'>,
  exports: Pick<ExportsConfig, 'downloadLinkTtlSeconds'>,
): DownloadLinkSettings {
  return {
    secret: Buffer.from(app.downloadLinkSecret, 'utf8'),
    ttlSeconds: exports.downloadLinkTtlSeconds,
  };
}

export const DOWNLOAD_PATH = '/downloads';

export interface SignedLink {
  url: string;
  expiresAt: Date;
}

export type LinkCheck = { ok: true } | { ok: false; reason: 'expired' | 'invalid' };

const signature = (secret: Buffer, jobId: string, expires: number, subject: string) =>
  createHmac('sha256', secret).update(`${jobId}\n${expires}\n${subject}`).digest('base64url');

/**
 * A link to one file for one person (or client), valid until `expires`: the HMAC covers the
 * file, the expiry and the subject, so the link is refused after it expires and in anyone
 * else's hands (the download also requires that person's own token).
 */
export function signDownload(
  settings: DownloadLinkSettings,
  jobId: string,
  subject: string,
  now = Date.now(),
): SignedLink {
  const expires = Math.floor(now / 1000) + settings.ttlSeconds;
  const sig = signature(settings.secret, jobId, expires, subject);
  return {
    url: `${DOWNLOAD_PATH}/${jobId}?expires=${expires}&signature=${sig}`,
    expiresAt: new Date(expires * 1000),
  };
}

export function checkDownload(
  settings: DownloadLinkSettings,
  jobId: string,
  expires: string,
  sig: string,
  subject: string,
  now = Date.now(),
): LinkCheck {
  if (!/^\d{1,12}$/.test(expires) || !/^[A-Za-z0-9_-]{43}$/.test(sig))
    return { ok: false, reason: 'invalid' };
  const expected = Buffer.from(signature(settings.secret, jobId, Number(expires), subject));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { ok: false, reason: 'invalid' };
  if (Number(expires) * 1000 <= now) return { ok: false, reason: 'expired' };
  return { ok: true };
}

/** Where an evidence file is downloaded: `${DOWNLOAD_PATH}/evidence/<id>` (signed as `evidence/<id>`). */
export const evidenceDownloadKey = (evidenceId: string) => `evidence/${evidenceId}`;

export const EVIDENCE_UPLOAD_PATH = '/uploads/evidence';

/** What an evidence upload stores, fixed by the mutation that signed its URL. */
export interface UploadTerms {
  assignmentId: string;
  fileName: string;
  description: string | null;
  replacesId: string | null;
}

const uploadSignature = (secret: Buffer, terms: UploadTerms, expires: number, subject: string) =>
  createHmac('sha256', secret)
    .update(
      JSON.stringify([
        'evidence-upload',
        terms.assignmentId,
        terms.fileName,
        terms.description,
        terms.replacesId,
        expires,
        subject,
      ]),
    )
    .digest('base64url');

/**
 * A URL to POST one file to, for one person, valid until it expires: the HMAC covers the
 * assignment, the name, the description, the evidence it replaces, the expiry and the subject,
 * so the POST carries only the bytes (and that person's own token).
 */
export function signUpload(
  settings: DownloadLinkSettings,
  terms: UploadTerms,
  subject: string,
  now = Date.now(),
): SignedLink {
  const expires = Math.floor(now / 1000) + settings.ttlSeconds;
  const query = new URLSearchParams({ name: terms.fileName });
  if (terms.description !== null) query.set('description', terms.description);
  if (terms.replacesId !== null) query.set('replaces', terms.replacesId);
  query.set('expires', String(expires));
  query.set('signature', uploadSignature(settings.secret, terms, expires, subject));
  return {
    url: `${EVIDENCE_UPLOAD_PATH}/${terms.assignmentId}?${query.toString()}`,
    expiresAt: new Date(expires * 1000),
  };
}

export function checkUpload(
  settings: DownloadLinkSettings,
  terms: UploadTerms,
  expires: string,
  sig: string,
  subject: string,
  now = Date.now(),
): LinkCheck {
  if (!/^\d{1,12}$/.test(expires) || !/^[A-Za-z0-9_-]{43}$/.test(sig))
    return { ok: false, reason: 'invalid' };
  const expected = Buffer.from(uploadSignature(settings.secret, terms, Number(expires), subject));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { ok: false, reason: 'invalid' };
  if (Number(expires) * 1000 <= now) return { ok: false, reason: 'expired' };
  return { ok: true };
}
