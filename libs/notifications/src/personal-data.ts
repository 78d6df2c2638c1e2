import { EntityManager } from 'typeorm';

/*
 * Notifications' part of a data request (libs/privacy), within the transaction's data request
 * (migrations/1764000101000-personal-data.ts): the mails sent to the person; their notification
 * choices and digest lines (migrations/1764000290000-personal-data-settings.ts).
 */

/** Each mail sent to the person: recipient, subject, message id, when. */
export async function personalMails(db: EntityManager): Promise<unknown[]> {
  const [row] = await db.query(`SELECT app_personal_mails() AS data`);
  return row.data;
}

/** Their mails' records keep the subject and the dates, with the pseudonym as recipient. */
export async function pseudonymiseMails(db: EntityManager, pseudonym: string): Promise<number> {
  const [row] = await db.query(`SELECT app_pseudonymise_mails($1) AS n`, [pseudonym]);
  return Number(row.n);
}

/** Retention: the records of mails older than `days` go (the retention job's subject only). */
export async function purgeMailDeliveries(db: EntityManager, days: number): Promise<number> {
  const [row] = await db.query(`SELECT app_purge_mail_deliveries($1) AS n`, [days]);
  return Number(row.n);
}

/** Their choices per kind of notice and the lines of their digest (sent or waiting). */
export async function personalNotificationSettings(db: EntityManager): Promise<unknown> {
  const [row] = await db.query(`SELECT app_personal_notification_settings() AS data`);
  return row.data;
}

/** A person who leaves keeps no notification choices and no digest lines. */
export async function pseudonymiseNotificationSettings(
  db: EntityManager,
  pseudonym: string,
): Promise<number> {
  const [row] = await db.query(`SELECT app_pseudonymise_notification_settings($1) AS n`, [pseudonym]);
  return Number(row.n);
}
