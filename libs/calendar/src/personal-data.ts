import { EntityManager } from 'typeorm';

/*
 * The calendar's part of a data request (libs/privacy), within the transaction's data request
 * (migrations/1764000290000-personal-data-settings.ts): the person's calendar address.
 */

/** Whether the person has a calendar address: when it was made and last renewed (never its token), or null. */
export async function personalCalendarFeed(db: EntityManager): Promise<unknown> {
  const [row] = await db.query(`SELECT app_personal_calendar_feed() AS data`);
  return row.data;
}

/** A person who leaves: their calendar address stops answering. */
export async function pseudonymiseCalendarFeed(db: EntityManager, pseudonym: string): Promise<number> {
  const [row] = await db.query(`SELECT app_pseudonymise_calendar_feed($1) AS n`, [pseudonym]);
  return Number(row.n);
}
