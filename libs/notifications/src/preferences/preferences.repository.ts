import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Delivery, NotificationKind } from './notification-kinds';

/** notification_preference: a person's own rows (row-level security), or every row for jobs. */
@Injectable()
export class PreferencesRepository {
  async chosenBy(db: EntityManager, personId: string): Promise<Map<NotificationKind, Delivery>> {
    const rows: { kind: NotificationKind; delivery: Delivery }[] = await db.query(
      `SELECT kind, delivery FROM notification_preference WHERE person_id = $1`,
      [personId],
    );
    return new Map(rows.map((row) => [row.kind, row.delivery]));
  }

  /** What each of `personIds` chose for `kind` (absent: never chose). */
  async chosenFor(
    db: EntityManager,
    kind: NotificationKind,
    personIds: readonly string[],
  ): Promise<Map<string, Delivery>> {
    if (personIds.length === 0) return new Map();
    const rows: { person_id: string; delivery: Delivery }[] = await db.query(
      `SELECT person_id, delivery FROM notification_preference WHERE kind = $1 AND person_id = ANY($2::uuid[])`,
      [kind, personIds],
    );
    return new Map(rows.map((row) => [row.person_id, row.delivery]));
  }

  async choose(
    db: EntityManager,
    personId: string,
    kind: NotificationKind,
    delivery: Delivery,
  ): Promise<void> {
    await db.query(
      `INSERT INTO notification_preference (person_id, kind, delivery) VALUES ($1, $2, $3)
       ON CONFLICT (person_id, kind) DO UPDATE SET delivery = excluded.delivery, updated_at = now()`,
      [personId, kind, delivery],
    );
  }
}

/** Reads for the mail jobs, without Nest's injector (the jobs run as the relay). */
export const preferencesQueries = new PreferencesRepository();
