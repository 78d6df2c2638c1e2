import { EntityManager } from 'typeorm';

/**
 * The outbox's part of a pseudonymisation (libs/privacy): messages whose payload names the person
 * (a file's requester) name the pseudonym instead. Returns the messages changed.
 */
export async function pseudonymiseOutbox(db: EntityManager, pseudonym: string): Promise<number> {
  const [row] = await db.query(`SELECT app_pseudonymise_outbox($1) AS n`, [pseudonym]);
  return Number(row.n);
}

/** Retention: messages whose job finished more than `days` ago go (the retention job's subject only). */
export async function purgeProcessedOutbox(db: EntityManager, days: number): Promise<number> {
  const [row] = await db.query(`SELECT app_purge_processed_outbox($1) AS n`, [days]);
  return Number(row.n);
}
