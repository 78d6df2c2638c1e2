import { calendarDocument } from './calendar-document';
import { FEED_TOKEN, feedToken, feedTokenHash } from './calendar-token';

const assignment = {
  id: '00000000-0000-4000-8000-000000000001',
  objectiveId: '00000000-0000-4000-8000-000000000002',
  title: 'Migrazione al cloud',
  comuneName: 'Crema',
  due: '2026-12-31',
  status: 'IN_PROGRESS',
  objectiveState: 'PUBLISHED' as const,
  revisions: 2,
  updatedAt: new Date('2026-11-30T23:30:00Z'),
};

describe('calendarDocument', () => {
  it('writes all-day events on the due date, whatever the server’s time zone', () => {
    // Long lines are folded (RFC 5545, 3.1): unfolded here to read them whole.
    const text = calendarDocument(
      { assignments: [assignment], objectives: [] },
      'https://rtd.example.it',
    ).replace(/\r\n[ \t]/g, '');
    expect(text).toContain('DTSTART;VALUE=DATE:20261231');
    expect(text).toContain('DTEND;VALUE=DATE:20270101');
    expect(text).toContain('UID:assignment-00000000-0000-4000-8000-000000000001@rtd-hub');
    expect(text).toContain('SEQUENCE:2');
    expect(text).toContain('STATUS:CONFIRMED');
    expect(text).not.toContain('TZID');
    expect(text).toContain('SUMMARY:Scadenza: Migrazione al cloud (Crema)');
    expect(text).toContain('https://rtd.example.it/assegnazioni/00000000-0000-4000-8000-000000000001');
  });

  it('cancels an assignment that is not applicable or whose objective is closed', () => {
    for (const changed of [{ status: 'NOT_APPLICABLE' }, { objectiveState: 'CLOSED' as const }]) {
      const text = calendarDocument(
        { assignments: [{ ...assignment, ...changed }], objectives: [] },
        'https://rtd.example.it',
      );
      expect(text).toContain('STATUS:CANCELLED');
    }
  });

  it('lists an event reached twice once', () => {
    const text = calendarDocument({ assignments: [assignment, assignment], objectives: [] }, 'https://x.it');
    expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(1);
  });
});

describe('feedToken', () => {
  it('is the same for the same person and nonce, another for another nonce, and looks like one', () => {
    const nonce = Buffer.alloc(32, 1);
    const token = feedToken('a secret of at least thirty-two characters', 'p1', nonce);
    expect(token).toMatch(FEED_TOKEN);
    expect(feedToken('a secret of at least thirty-two characters', 'p1', nonce)).toBe(token);
    expect(feedToken('a secret of at least thirty-two characters', 'p1', Buffer.alloc(32, 2))).not.toBe(
      token,
    );
    expect(feedToken('a secret of at least thirty-two characters', 'p2', nonce)).not.toBe(token);
    expect(feedTokenHash(token)).toHaveLength(32);
  });
});
