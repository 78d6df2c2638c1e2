import { EntityManager } from 'typeorm';
import type { NotificationKind } from '../preferences/notification-kinds';

/** notification_digest_item: notices waiting for a person's daily summary (jobs only). */

/** Queues the lines of one notice (its dedupe key: queued once, however often the job runs). */
export async function queueForSummary(
  db: EntityManager,
  consortiumId: string | null,
  personId: string,
  kind: NotificationKind,
  key: string,
  lines: { line: string; link: string }[],
): Promise<void> {
  for (const [index, line] of lines.entries()) {
    await db.query(
      `INSERT INTO notification_digest_item (dedupe_key, person_id, consortium_id, kind, line, link)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (dedupe_key) DO NOTHING`,
      [`${key}:${index}`, personId, consortiumId, kind, line.line.slice(0, 2000), line.link.slice(0, 2000)],
    );
  }
}

export interface PendingSummaryItem {
  id: string;
  person_id: string;
  kind: NotificationKind;
  line: string;
  link: string;
}

/** The consortium's notices not yet summarised, queued before `day` (Rome) began, oldest first. */
export function pendingSummaryItems(
  db: EntityManager,
  consortiumId: string,
  day: string,
): Promise<PendingSummaryItem[]> {
  return db.query(
    `SELECT id::text, person_id, kind, line, link FROM notification_digest_item
      WHERE consortium_id = $1 AND digested_on IS NULL AND created_at < ($2::date)::timestamp AT TIME ZONE 'Europe/Rome'
      ORDER BY id`,
    [consortiumId, day],
  );
}

export async function markSummarised(db: EntityManager, ids: string[], day: string): Promise<void> {
  await db.query(`UPDATE notification_digest_item SET digested_on = $2 WHERE id = ANY($1::bigint[])`, [
    ids,
    day,
  ]);
}
