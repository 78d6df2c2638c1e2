import { EntityManager } from 'typeorm';

/*
 * Assignments' part of a data request (libs/privacy), within the transaction's data request
 * (migrations/1764000101000-personal-data.ts): what the person wrote in the history and the
 * evidence, the assignments delegated to them; and the pseudonym in place of their subject.
 */

/** `{ statusEvents, evidence, delegatedAssignments }` of the person, as JSON values. */
export async function personalAssignmentRecords(db: EntityManager): Promise<Record<string, unknown>> {
  const [row] = await db.query(`SELECT app_personal_assignment_records() AS data`);
  return row.data;
}

/** The history events and evidence they wrote now name the pseudonym; returns the rows changed. */
export async function pseudonymiseAssignmentRecords(db: EntityManager, pseudonym: string): Promise<number> {
  const [row] = await db.query(`SELECT app_pseudonymise_assignment_records($1) AS n`, [pseudonym]);
  return Number(row.n);
}
