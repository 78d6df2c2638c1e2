import { dayBefore, todayInRome } from './calendar';

describe('calendar', () => {
  it('names the day in Rome, not in UTC', () => {
    // 23:30 UTC on 31 December is already 1 January in Rome (UTC+1 in winter).
    expect(todayInRome(new Date('2025-12-31T23:30:00Z'))).toBe('2026-01-01');
    // 22:30 UTC on 30 June is 00:30 on 1 July in Rome (UTC+2 in summer).
    expect(todayInRome(new Date('2026-06-30T22:30:00Z'))).toBe('2026-07-01');
  });

  it('steps back across months and leap days', () => {
    expect(dayBefore('2026-03-01')).toBe('2026-02-28');
    expect(dayBefore('2024-03-01')).toBe('2024-02-29');
    expect(dayBefore('2026-01-01')).toBe('2025-12-31');
  });
});
