import { isMilestone } from '../notifications.service';
import { checkUnsubscribeToken, unsubscribeToken, UNSUBSCRIBE_TTL_SECONDS } from './unsubscribe-link';

const SECRET = 'x'.repeat(43);
const PERSON = '0b0f7d2e-6a51-4c8e-9a57-4f6f8a1d2c3b';

describe('unsubscribe tokens', () => {
  const now = Date.parse('2026-12-07T10:00:00Z');
  const token = unsubscribeToken(SECRET, { personId: PERSON, kind: 'REMINDERS' }, now);

  it('names the person and the kind while it lives', () => {
    expect(checkUnsubscribeToken(SECRET, token, now + 1000)).toEqual({
      ok: true,
      token: { personId: PERSON, kind: 'REMINDERS' },
    });
  });

  it('is refused when altered, signed with another key, or of an unknown kind', () => {
    const [person, , expires, sig] = token.split('.');
    expect(checkUnsubscribeToken(SECRET, `${person}.CHANGES.${expires}.${sig}`, now).ok).toBe(false);
    expect(checkUnsubscribeToken('y'.repeat(43), token, now)).toEqual({ ok: false, reason: 'invalid' });
    expect(checkUnsubscribeToken(SECRET, `${person}.DECISIONS.${expires}.${sig}`, now)).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(checkUnsubscribeToken(SECRET, 'nonsense', now)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('expires', () => {
    expect(checkUnsubscribeToken(SECRET, token, now + UNSUBSCRIBE_TTL_SECONDS * 1000 + 1000)).toEqual({
      ok: false,
      reason: 'expired',
    });
  });
});

describe('deadline reminder milestones', () => {
  it('are 30, 7 and 1 days before, and weekly from the first day overdue', () => {
    const days = Array.from({ length: 50 }, (_, i) => 35 - i).filter(isMilestone);
    expect(days).toEqual([30, 7, 1, -1, -8]);
  });
});
