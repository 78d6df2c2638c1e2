import { createHash, createHmac, randomBytes } from 'node:crypto';

/**
 * The secret of a feed's URL: an HMAC, with a key derived from the server's link key, of the
 * person and a random nonce. The database keeps the nonce and the token's SHA-256, never the
 * token: a copy of the database alone opens no feed, and the same URL can be shown again.
 */
export function feedToken(secret: string, personId: string, nonce: Buffer): string {
  const key = createHmac('sha256', secret).update('rtd-hub calendar feed').digest();
  return createHmac('sha256', key).update(`${personId}:`).update(nonce).digest('base64url');
}

export function feedTokenHash(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

export function newNonce(): Buffer {
  return randomBytes(32);
}

/** What a token looks like (32 bytes, base64url): anything else is refused before the database. */
export const FEED_TOKEN = /^[A-Za-z0-9_-]{43}$/;
