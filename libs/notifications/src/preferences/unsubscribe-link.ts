import { createHmac, timingSafeEqual } from 'node:crypto';
import { isNotificationKind, NotificationKind } from './notification-kinds';

/** Where the one-click unsubscribe of a mail points (RFC 8058): GET shows a page, POST unsubscribes. */
export const UNSUBSCRIBE_PATH = '/disiscrizione';

/** Mails may be read weeks later: the link lives 60 days. */
export const UNSUBSCRIBE_TTL_SECONDS = 60 * 86_400;

export interface UnsubscribeToken {
  personId: string;
  kind: NotificationKind;
}

const sign = (secret: string, personId: string, kind: string, expires: number) =>
  createHmac('sha256', secret).update(`unsubscribe\n${personId}\n${kind}\n${expires}`).digest('base64url');

/** `<person>.<kind>.<expires>.<signature>`: the HMAC covers the person, the kind and the expiry. */
export function unsubscribeToken(secret: string, who: UnsubscribeToken, now = Date.now()): string {
  const expires = Math.floor(now / 1000) + UNSUBSCRIBE_TTL_SECONDS;
  return `${who.personId}.${who.kind}.${expires}.${sign(secret, who.personId, who.kind, expires)}`;
}

export function unsubscribeUrl(
  publicUrl: string,
  secret: string,
  who: UnsubscribeToken,
  now = Date.now(),
): string {
  return `${publicUrl}${UNSUBSCRIBE_PATH}?token=${unsubscribeToken(secret, who, now)}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type TokenCheck = { ok: true; token: UnsubscribeToken } | { ok: false; reason: 'expired' | 'invalid' };

export function checkUnsubscribeToken(secret: string, token: string, now = Date.now()): TokenCheck {
  const parts = token.split('.');
  if (parts.length !== 4) return { ok: false, reason: 'invalid' };
  const [personId, kind, expires, sig] = parts;
  if (!UUID.test(personId) || !isNotificationKind(kind) || !/^\d{1,12}$/.test(expires))
    return { ok: false, reason: 'invalid' };
  const expected = Buffer.from(sign(secret, personId, kind, Number(expires)));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { ok: false, reason: 'invalid' };
  if (Number(expires) * 1000 <= now) return { ok: false, reason: 'expired' };
  return { ok: true, token: { personId, kind } };
}
