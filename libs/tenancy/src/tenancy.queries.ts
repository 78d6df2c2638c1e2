import { EntityManager } from 'typeorm';
import { TenancyRepository } from './tenancy.repository';
import type { ComuneRow } from './tenancy.rows';

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

const repository = new TenancyRepository();

/** The municipalities with these ISTAT codes (those the register has). */
export function comuniByIstatCodes(db: EntityManager, codes: readonly string[]): Promise<ComuneRow[]> {
  return repository.comuniByIstatCodes(db, codes);
}

/**
 * For seeds and commands: the consortium with this name, created if missing, with these
 * municipalities (ISTAT codes) among its members; the codes the register lacks come back unadded.
 */
export async function ensureConsortium(
  db: EntityManager,
  name: string,
  memberIstatCodes: readonly string[],
  createdBy: string,
): Promise<{ id: string; missing: string[] }> {
  const [existing] = await repository.consortiaByNames(db, [name]);
  const row = existing ?? (await repository.insertConsortium(db, name, createdBy));
  const comuni = await repository.comuniByIstatCodes(db, memberIstatCodes);
  const found = new Set(comuni.map((c) => c.istatCode));
  const missing = memberIstatCodes.filter((code) => !found.has(code));
  if (missing.length === 0)
    await repository.addMembers(
      db,
      row.id,
      comuni.map((c) => c.id),
    );
  return { id: row.id, missing };
}
