import { duePeriod, dueDayOf, nextRunOn, periodOf, ReportRule } from './report-period';

const monthly: ReportRule = { frequency: 'MONTHLY', dayOfMonth: 1 };
const quarterly: ReportRule = { frequency: 'QUARTERLY', dayOfMonth: 10 };
const weekly: ReportRule = { frequency: 'WEEKLY', dayOfMonth: 1 };
const semiannual: ReportRule = { frequency: 'SEMIANNUAL', dayOfMonth: 15 };
const annual: ReportRule = { frequency: 'ANNUAL', dayOfMonth: 20 };
const none: ReportRule = { frequency: 'NONE', dayOfMonth: 1 };

describe('report-period', () => {
  it('names the period of a day', () => {
    expect(periodOf(monthly, '2027-01-31')).toBe('2027-01');
    expect(periodOf(quarterly, '2027-05-02')).toBe('2027-Q2');
    // 1 January 2027 is a Friday: ISO week 53 of 2026.
    expect(periodOf(weekly, '2027-01-01')).toBe('2026-W53');
    expect(periodOf(weekly, '2027-01-04')).toBe('2027-W01');
    expect(periodOf(none, '2027-01-04')).toBeNull();
  });

  it("puts the due day on the chosen day, the quarter's first month, or Monday", () => {
    expect(dueDayOf(monthly, '2027-03-17')).toBe('2027-03-01');
    expect(dueDayOf(quarterly, '2027-06-30')).toBe('2027-04-10');
    expect(dueDayOf(weekly, '2027-01-07')).toBe('2027-01-04');
  });

  it('is due on its day and for a few days after, then no more', () => {
    expect(duePeriod(monthly, '2027-01-01')).toBe('2027-01');
    expect(duePeriod(monthly, '2027-01-03')).toBe('2027-01');
    expect(duePeriod(monthly, '2027-01-04')).toBeNull();
    expect(duePeriod(monthly, '2026-12-31')).toBeNull();
    expect(duePeriod(quarterly, '2027-04-10')).toBe('2027-Q2');
    expect(duePeriod(quarterly, '2027-05-10')).toBeNull();
    expect(duePeriod(none, '2027-01-01')).toBeNull();
  });

  it('gives the next day a report will be queued', () => {
    const nothing = () => false;
    expect(nextRunOn(monthly, '2026-12-15', nothing)).toBe('2027-01-01');
    expect(nextRunOn(monthly, '2027-01-01', nothing)).toBe('2027-01-01');
    expect(nextRunOn(monthly, '2027-01-01', (p) => p === '2027-01')).toBe('2027-02-01');
    expect(nextRunOn(quarterly, '2027-04-11', (p) => p === '2027-Q2')).toBe('2027-07-10');
    expect(nextRunOn(none, '2027-01-01', nothing)).toBeNull();
  });

  it('schedules semi-annual reports in January and July, and annual ones in January', () => {
    expect(periodOf(semiannual, '2027-06-30')).toBe('2027-H1');
    expect(periodOf(semiannual, '2027-07-01')).toBe('2027-H2');
    expect(periodOf(annual, '2027-09-01')).toBe('2027');
    expect(dueDayOf(semiannual, '2027-09-01')).toBe('2027-07-15');
    expect(dueDayOf(annual, '2027-09-01')).toBe('2027-01-20');
    expect(duePeriod(semiannual, '2027-07-15')).toBe('2027-H2');
    expect(duePeriod(semiannual, '2027-08-15')).toBeNull();
    expect(duePeriod(annual, '2027-01-21')).toBe('2027');
    expect(nextRunOn(semiannual, '2027-01-20', () => false)).toBe('2027-07-15');
    expect(nextRunOn(annual, '2027-01-21', (p) => p === '2027')).toBe('2028-01-20');
  });
});
