import { EntityManager } from 'typeorm';

/**
 * The consortia with at least one member municipality in these ISTAT regions: what a regional
 * observer may read (identity's access loader asks, with the region setting already applied).
 */
export async function consortiaWithMembersIn(
  db: EntityManager,
  regionCodes: readonly string[],
): Promise<string[]> {
  const rows: { consortium_id: string }[] = await db.query(
    `SELECT DISTINCT m.consortium_id FROM consortium_member m JOIN comune c ON c.id = m.comune_id
      WHERE c.region_code = ANY ($1::text[])`,
    [regionCodes],
  );
  return rows.map((row) => row.consortium_id);
}
