import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ConfigError } from '@rtd/kernel';

type Env = Record<string, string | undefined>;

export interface DownloadLinkSettings {
  secret: Buffer;
  ttlSeconds: number;
}

/**
 * DOWNLOAD_LINK_SECRET signs the links (at least 32 characters; required in production, where
 * every API process must share it); without it a development process draws its own at start.
 * DOWNLOAD_LINK_TTL_SECONDS is how long a link lives: 300 s by default, 30 to 900.
 */
export function downloadLinkSettings(env: Env = process.env): DownloadLinkSettings {
  const secret = (env.DOWNLOAD_LINK_SECRET ?? '').trim();
  if (secret === '' && env.NODE_ENV === 'production') {
    throw new ConfigError(
      'DOWNLOAD_LINK_SECRET',
      'deve essere impostata esplicitamente con NODE_ENV=production',
    );
  }
  if (secret !== '' && secret.length < 32) {
    throw new ConfigError('DOWNLOAD_LINK_SECRET', 'deve essere lunga almeno 32 caratteri');
  }
  const rawTtl = (env.DOWNLOAD_LINK_TTL_SECONDS ?? '').trim();
  const ttlSeconds = rawTtl === '' ? 300 : Number(rawTtl);
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 30 || ttlSeconds > 900) {
    throw new ConfigError('DOWNLOAD_LINK_TTL_SECONDS', `deve essere un intero tra 30 e 900, non "${rawTtl}"`);
  }
  return { secret: secret === '' ? randomBytes(32) : Buffer.from(secret, 'utf8'), ttlSeconds };
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
