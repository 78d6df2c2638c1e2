import { EntityManager } from 'typeorm';

/*
 * The audit log's part of a data request (libs/privacy), within the transaction's data request
 * (migrations/1764000101000-personal-data.ts). The log stays append-only: pseudonymisation is the
 * one rewrite its triggers allow, of the actor's subject and of the identifiers in the details.
 */

/** The entries of what the person did and of what was done about them (their roles), oldest first. */
export async function personalAuditEntries(db: EntityManager): Promise<unknown[]> {
  const [row] = await db.query(`SELECT app_personal_audit_entries() AS data`);
  return row.data;
}

/** Those entries now name the pseudonym instead of the person; returns how many changed. */
export async function pseudonymiseAuditEntries(db: EntityManager, pseudonym: string): Promise<number> {
  const [row] = await db.query(`SELECT app_pseudonymise_audit_entries($1) AS n`, [pseudonym]);
  return Number(row.n);
}
