import { EntityManager } from 'typeorm';

/**
 * The outbox's part of a pseudonymisation (libs/privacy): messages whose payload names the person
 * (a file's requester) name the pseudonym instead. Returns the messages changed.
 */
export async function pseudonymiseOutbox(db: EntityManager, pseudonym: string): Promise<number> {
  const [row] = await db.query(`SELECT app_pseudonymise_outbox($1) AS n`, [pseudonym]);
  return Number(row.n);
}
