import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AppConfig } from '@rtd/kernel';

export interface DownloadLinkSettings {
  secret: Buffer;
  ttlSeconds: number;
}

/**
 * The signing key and lifetime of the links, from the validated configuration
 * (DOWNLOAD_LINK_SECRET, DOWNLOAD_LINK_TTL_SECONDS: libs/kernel app-config.ts).
 */
export function downloadLinkSettings(
  config: Pick<AppConfig, 'downloadLinkSecret' | 'downloadLinkTtlSeconds'>,
): DownloadLinkSettings {
  return {
    secret: Buffer.from(config.downloadLinkSecret, 'utf8'),
    ttlSeconds: config.downloadLinkTtlSeconds,
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
