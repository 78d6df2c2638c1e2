import { EntityManager } from 'typeorm';

/*
 * Tenancy's part of a data request (libs/privacy): the consortia the person created, as the
 * operator reads and updates them (row-level security lets the platform admin).
 */

export async function consortiaCreatedBy(
  db: EntityManager,
  identifiers: readonly string[],
): Promise<{ id: string; name: string; createdAt: Date }[]> {
  return db.query(
    `SELECT id, name, created_at AS "createdAt" FROM consortium WHERE created_by = ANY($1::text[]) ORDER BY created_at`,
    [identifiers],
  );
}

/** The consortia they created name the pseudonym as creator; returns how many. */
export async function pseudonymiseConsortiumCreators(
  db: EntityManager,
  identifiers: readonly string[],
  pseudonym: string,
): Promise<number> {
  const rows: unknown[] = await db.query(
    `UPDATE consortium SET created_by = $2 WHERE created_by = ANY($1::text[]) RETURNING id`,
    [identifiers, pseudonym],
  );
  return rows.length;
}
