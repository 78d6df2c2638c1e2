import { EntityManager } from 'typeorm';

/*
 * Objectives' part of a data request (libs/privacy), within the transaction's data request
 * (migrations/1764000101000-personal-data.ts): the objectives the person created and the
 * publications they asked for.
 */

/** `{ objectivesCreated, publications }` of the person, as JSON values. */
export async function personalObjectives(db: EntityManager): Promise<Record<string, unknown>> {
  const [row] = await db.query(`SELECT app_personal_objectives() AS data`);
  return row.data;
}

/** Those objectives and publications now name the pseudonym; returns the rows changed. */
export async function pseudonymiseObjectives(db: EntityManager, pseudonym: string): Promise<number> {
  const [row] = await db.query(`SELECT app_pseudonymise_objectives($1) AS n`, [pseudonym]);
  return Number(row.n);
}
