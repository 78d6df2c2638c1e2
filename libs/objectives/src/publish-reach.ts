import { linesByIds } from '@rtd/catalog';
import { conflict } from '@rtd/kernel';
import { EntityManager } from 'typeorm';
import { ObjectiveRow, ObjectivesRepository } from './objectives.repository';
import { unreachableByLines } from './target-explanation';

/**
 * Refuses to publish an objective whose lines reach no member whatever the target: lines for
 * other kinds of body (CAP3.PA.12, for the Regioni and the capitals of the metropolitan cities),
 * or population bands no member is in. The office reads why, line by line.
 */
export async function refuseUnreachable(
  db: EntityManager,
  repository: ObjectivesRepository,
  objective: ObjectiveRow,
): Promise<void> {
  const lineIds = (await repository.lineIdsOf(db, [objective.id])).get(objective.id) ?? [];
  const lines = await linesByIds(db, lineIds);
  const reason = unreachableByLines(await repository.membersFacts(db, objective.consortiumId), lines);
  if (reason) throw conflict(`L'obiettivo non si pubblica ai Comuni: ${reason}.`);
}
