import { EntityManager } from 'typeorm';

/**
 * Gives an edition's local lines that no consortium owns yet to `consortiumId`: from then on only
 * that consortium's office and the people of its comuni read them (row-level security). Lines
 * already owned are left alone, so running it again changes nothing. Returns the codes assigned.
 */
export async function assignLocalLines(
  db: EntityManager,
  editionCode: string,
  consortiumId: string,
): Promise<string[]> {
  const result = await db.query(
    `UPDATE plan_line SET owner_consortium_id = $2
      WHERE edition_code = $1 AND is_local AND owner_consortium_id IS NULL
      RETURNING code`,
    [editionCode, consortiumId],
  );
  // TypeORM answers an UPDATE ... RETURNING with [rows, count].
  const rows = (Array.isArray(result[0]) ? result[0] : result) as { code: string }[];
  return rows.map((row) => row.code).sort();
}

/** The line codes of one edition as loaded, for importers that refer to lines (PNRR mapping). */
export async function loadedLineCodes(db: EntityManager, editionCode: string): Promise<Set<string>> {
  const rows: { code: string }[] = await db.query(`SELECT code FROM plan_line WHERE edition_code = $1`, [
    editionCode,
  ]);
  return new Set(rows.map((row) => row.code));
}
