import { EMPTY_INDICATOR, EMPTY_INTERVENTO, seedPianoVersion, SeedIntervento } from '@rtd/plan';
import { EntityManager } from 'typeorm';
import { DEMO_CONSORTIA } from './demo-identities';
import { EDITION, INTERVENTI } from './demo-piano.interventi';

/**
 * Consortium A's own Piano (issue 25), drawn from seed 003 (the Piano of the associated office of
 * the Cremasco, Conferenza dei Sindaci): its associated services, the Dati and Sicurezza chapters
 * and the staff training of its Allegato 2, with indicators and two semesters of values. Version 1
 * (2025) approved and published; written as the owner through libs/plan's seedPianoVersion, once.
 */
const SEEDED_BY = 'system:demo';

export interface DemoPianoReport {
  interventi: number;
  values: number;
}

export async function seedDemoPiano(db: EntityManager): Promise<DemoPianoReport> {
  const [consortium] = await db.query(`SELECT id FROM consortium WHERE name = $1`, [DEMO_CONSORTIA[0].name]);
  if (!consortium) throw new Error('Consorzio demo A mancante: eseguire prima il seed dei consorzi');
  const members: { id: string }[] = await db.query(
    `SELECT c.id FROM consortium_member m JOIN comune c ON c.id = m.comune_id WHERE m.consortium_id = $1 ORDER BY c.name`,
    [consortium.id],
  );
  const interventi: SeedIntervento[] = INTERVENTI.map((demo) => {
    const { lines, indicators, funding, ...fields } = demo;
    return {
      fields: {
        ...EMPTY_INTERVENTO,
        ...fields,
        funding: (funding ?? []).map((f) => ({
          source: f.source!,
          amount: f.amount ?? null,
          pnrrMeasure: f.pnrrMeasure ?? null,
          cup: f.cup ?? null,
          note: f.note ?? null,
        })),
      },
      lines: lines.map((code) => ({ edition: EDITION, code })),
      indicators: indicators.map((demoIndicator) => {
        const { values: pair, ...indicatorFields } = demoIndicator;
        const aggregation = { NUMBER: 'SUM', PERCENTAGE: 'MEAN', YES_NO: 'SHARE_YES' }[demoIndicator.kind]!;
        return {
          fields: { ...EMPTY_INDICATOR, aggregation, ...indicatorFields },
          values: (measuredBy: string) =>
            ['2025-S2', '2026-S1'].flatMap((period, index) => {
              const target = pair[index];
              if (measuredBy === 'OFFICE')
                return [{ comuneId: null as string | null, period, value: target }];
              // Each comune's value, spread so that the consortium's aggregate is about `target`.
              return members.map((member, i) => {
                const spread = ((i * 7) % 10) / 10;
                const value =
                  demoIndicator.kind === 'YES_NO'
                    ? spread < target
                      ? 1
                      : 0
                    : demoIndicator.kind === 'PERCENTAGE'
                      ? Math.max(0, Math.min(100, Math.round(target + (spread - 0.45) * 30)))
                      : Math.round(target * (0.5 + spread));
                return { comuneId: member.id, period, value };
              });
            }),
        };
      }),
    };
  });
  return seedPianoVersion(
    db,
    {
      consortiumId: consortium.id,
      year: 2025,
      title: 'Piano triennale per la transizione al digitale 2025-2027 dei Comuni del Cremasco',
      approvedOn: '2025-03-20',
      approvalAct: 'Conferenza dei Sindaci, verbale n. 2 del 20 marzo 2025',
      publish: true,
      interventi,
    },
    SEEDED_BY,
  );
}
