import { EntityManager } from 'typeorm';

/*
 * Exports' part of a data request (libs/privacy), within the transaction's data request
 * (migrations/1764000101000-personal-data.ts): the files the person asked for (what, when; not
 * their content, which is about the comuni) and the report schedules they set.
 */

/** `{ exports, reportSchedules }` of the person, as JSON values. */
export async function personalFiles(db: EntityManager): Promise<Record<string, unknown>> {
  const [row] = await db.query(`SELECT app_personal_files() AS data`);
  return row.data;
}

/**
 * Their own files (schede, monitoring sheets) are deleted; the consortium's reports and schedules
 * they asked for or set now name the pseudonym. Returns the rows deleted or changed.
 */
export async function pseudonymiseFiles(db: EntityManager, pseudonym: string): Promise<number> {
  const [row] = await db.query(`SELECT app_pseudonymise_files($1) AS n`, [pseudonym]);
  return Number(row.n);
}

/** Retention: files asked for more than `days` ago go, whatever their own expiry (the retention job's subject only). */
export async function purgeExportFiles(db: EntityManager, days: number): Promise<number> {
  const [row] = await db.query(`SELECT app_purge_export_files($1) AS n`, [days]);
  return Number(row.n);
}
