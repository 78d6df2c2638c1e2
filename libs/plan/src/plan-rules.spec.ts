import { DomainError } from '@rtd/kernel';
import {
  aggregate,
  checkPeriod,
  checkValue,
  EMPTY_INDICATOR,
  EMPTY_INTERVENTO,
  mergeIndicator,
  mergeIntervento,
  onTarget,
  semesters,
  totalCost,
} from './plan-rules';
import { InterventoAxis, InterventoHorizon, IndicatorKind } from './dto/plan.types';

const fieldOf = (work: () => unknown): string | undefined => {
  try {
    work();
  } catch (error) {
    return (error as DomainError).field;
  }
  return undefined;
};

describe('plan rules', () => {
  describe('mergeIntervento', () => {
    const base = {
      code: 'A1',
      title: 'Titolo',
      axis: InterventoAxis.GOVERNANCE,
      horizon: InterventoHorizon.PROGRAMMED,
    };

    it('keeps a value left null and clears one sent empty', () => {
      const first = mergeIntervento(EMPTY_INTERVENTO, { ...base, problem: 'Un problema' });
      const second = mergeIntervento(first, { title: 'Nuovo', problem: null, description: '' });
      expect(second).toMatchObject({ code: 'A1', title: 'Nuovo', problem: 'Un problema', description: null });
    });

    it('asks a reason for a scheda removed from the Piano and drops it otherwise', () => {
      expect(
        fieldOf(() => mergeIntervento(EMPTY_INTERVENTO, { ...base, horizon: InterventoHorizon.REMOVED })),
      ).toBe('removedReason');
      const kept = mergeIntervento(EMPTY_INTERVENTO, { ...base, removedReason: 'superato' });
      expect(kept.removedReason).toBeNull();
    });

    it('checks semesters, costs, funding and the scope', () => {
      expect(fieldOf(() => mergeIntervento(EMPTY_INTERVENTO, { ...base, startPeriod: '2026-S3' }))).toBe(
        'startPeriod',
      );
      expect(
        fieldOf(() =>
          mergeIntervento(EMPTY_INTERVENTO, {
            ...base,
            costs: [
              { year: 2026, initial: 1, running: 1 },
              { year: 2026, initial: 1, running: 1 },
            ],
          }),
        ),
      ).toBe('costs[1].year');
      expect(
        fieldOf(() =>
          mergeIntervento(EMPTY_INTERVENTO, {
            ...base,
            funding: [{ source: 'REGION' as never, pnrrMeasure: '1.4.1' }],
          }),
        ),
      ).toBe('funding[0].pnrrMeasure');
      expect(mergeIntervento(EMPTY_INTERVENTO, { ...base, comuneIds: [] }).comuneIds).toBeNull();
    });

    it('sums the costs of every year', () => {
      expect(
        totalCost([
          { year: 2026, initial: 1000.5, running: 200 },
          { year: 2027, initial: 0, running: 200 },
        ]),
      ).toBe(1400.5);
    });
  });

  describe('indicators', () => {
    it('aggregates by kind unless told, and a sì/no only as a share', () => {
      expect(mergeIndicator(EMPTY_INDICATOR, { name: 'n', kind: IndicatorKind.NUMBER }).aggregation).toBe(
        'SUM',
      );
      expect(mergeIndicator(EMPTY_INDICATOR, { name: 'n', kind: IndicatorKind.PERCENTAGE }).aggregation).toBe(
        'MEAN',
      );
      expect(mergeIndicator(EMPTY_INDICATOR, { name: 'n', kind: IndicatorKind.YES_NO }).aggregation).toBe(
        'SHARE_YES',
      );
      expect(
        fieldOf(() =>
          mergeIndicator(EMPTY_INDICATOR, {
            name: 'n',
            kind: IndicatorKind.YES_NO,
            aggregation: 'SUM' as never,
          }),
        ),
      ).toBe('aggregation');
    });

    it('reads the targets of a sì/no as shares of "sì"', () => {
      const merged = mergeIndicator(EMPTY_INDICATOR, {
        name: 'n',
        kind: IndicatorKind.YES_NO,
        targets: [
          { year: 2027, value: 80 },
          { year: 2026, value: 50 },
        ],
      });
      expect(merged.targets).toEqual([
        { year: 2026, value: 50 },
        { year: 2027, value: 80 },
      ]);
    });

    it('checks values and periods', () => {
      expect(fieldOf(() => checkValue('value', 'YES_NO', 2))).toBe('value');
      expect(fieldOf(() => checkValue('value', 'PERCENTAGE', 101))).toBe('value');
      expect(checkPeriod('SEMIANNUAL', ' 2026-s2 ')).toBe('2026-S2');
      expect(fieldOf(() => checkPeriod('ANNUAL', '2026-S1'))).toBe('period');
    });

    it('aggregates a period and compares it with the target in its direction', () => {
      expect(aggregate('SUM', [1, 2, 3])).toBe(6);
      expect(aggregate('MEAN', [1, 2])).toBe(1.5);
      expect(aggregate('SHARE_YES', [1, 0, 1, 1])).toBe(75);
      expect(aggregate('SUM', [])).toBeNull();
      expect(onTarget('INCREASE', 10, 12)).toBe(false);
      expect(onTarget('DECREASE', 10, 12)).toBe(true);
      expect(onTarget('INCREASE', null, 12)).toBeNull();
    });
  });

  it('lists the semesters of a Gantt bar', () => {
    expect(semesters('2025-S2', '2027-S1')).toEqual(['2025-S2', '2026-S1', '2026-S2', '2027-S1']);
  });
});
