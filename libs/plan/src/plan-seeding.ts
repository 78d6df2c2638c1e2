import { EntityManager } from 'typeorm';
import { IndicatorRepository } from './indicator.repository';
import { PlanRepository } from './plan.repository';
import type { IndicatorFields, InterventoFields } from './plan.repository';

/** One indicator of a seeded scheda, with the values it is given (the office's: comuneId null). */
export interface SeedIndicator {
  fields: IndicatorFields;
  values: (measuredBy: string) => { comuneId: string | null; period: string; value: number }[];
}

/** One scheda intervento of a seeded Piano, with its Piano Triennale lines and indicators. */
export interface SeedIntervento {
  fields: InterventoFields;
  lines: { edition: string; code: string }[];
  indicators: SeedIndicator[];
}

/** A Piano version to write as it stands once approved (and published, if said). */
export interface PianoSeed {
  consortiumId: string;
  year: number;
  title: string;
  approvedOn: string;
  approvalAct: string;
  publish: boolean;
  interventi: SeedIntervento[];
}

/**
 * For seeds (the demo) and commands, as the owner: writes a consortium's first Piano version with
 * its schede, lines, indicators and values, then approves it (and publishes it). Once: a consortium
 * that already has a version is left as it is (answers zero).
 */
export async function seedPianoVersion(
  db: EntityManager,
  seed: PianoSeed,
  seededBy: string,
): Promise<{ interventi: number; values: number }> {
  const repository = new PlanRepository();
  const indicators = new IndicatorRepository();
  if ((await repository.versions(db, seed.consortiumId)).length > 0) return { interventi: 0, values: 0 };
  const version = await repository.insertVersion(
    db,
    { consortiumId: seed.consortiumId, year: seed.year, title: seed.title, copiedFromId: null },
    seededBy,
  );
  let values = 0;
  for (const intervento of seed.interventi) {
    const row = await repository.insertIntervento(db, seed.consortiumId, version.id, intervento.fields);
    await repository.replaceLines(db, row, intervento.lines);
    for (const seeded of intervento.indicators) {
      const indicator = await indicators.insertIndicator(db, row, seeded.fields);
      for (const value of seeded.values(indicator.measuredBy)) {
        await indicators.insertValue(
          db,
          { consortiumId: seed.consortiumId, lineageId: indicator.lineageId, note: null, ...value },
          seededBy,
        );
        values += 1;
      }
    }
  }
  const approved = await repository.updateVersion(db, version, {
    state: 'APPROVED',
    approvedOn: seed.approvedOn,
    approvalAct: seed.approvalAct,
  });
  if (seed.publish) await repository.updateVersion(db, approved, { state: 'PUBLISHED', publish: true });
  return { interventi: seed.interventi.length, values };
}
