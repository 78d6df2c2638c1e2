import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface CalendarFeedRow {
  personId: string;
  nonce: Buffer;
  tokenHash: Buffer;
  createdAt: Date;
  regeneratedAt: Date | null;
}

export interface CalendarFeedOwner {
  personId: string;
  subject: string | null;
  fiscalCode: string;
}

const COLUMNS = `person_id AS "personId", nonce, token_hash AS "tokenHash", created_at AS "createdAt",
  regenerated_at AS "regeneratedAt"`;

/** The SQL of calendar_feed. A person reads and writes their own row only (row-level security). */
@Injectable()
export class CalendarRepository {
  async feedOf(db: EntityManager, personId: string): Promise<CalendarFeedRow | null> {
    const [row] = await db.query(`SELECT ${COLUMNS} FROM calendar_feed WHERE person_id = $1`, [personId]);
    return row ?? null;
  }

  /** The person's first feed; null if one already exists (a concurrent first ask). */
  async insert(
    db: EntityManager,
    personId: string,
    nonce: Buffer,
    tokenHash: Buffer,
  ): Promise<CalendarFeedRow | null> {
    const [row] = await db.query(
      `INSERT INTO calendar_feed (person_id, nonce, token_hash) VALUES ($1, $2, $3)
       ON CONFLICT (person_id) DO NOTHING RETURNING ${COLUMNS}`,
      [personId, nonce, tokenHash],
    );
    return row ?? null;
  }

  /** A new secret for the person's feed: the old one stops working with this commit. */
  async replace(
    db: EntityManager,
    personId: string,
    nonce: Buffer,
    tokenHash: Buffer,
  ): Promise<CalendarFeedRow | null> {
    const updated: unknown[] = await db.query(
      `UPDATE calendar_feed SET nonce = $2, token_hash = $3, regenerated_at = now()
        WHERE person_id = $1 RETURNING ${COLUMNS}`,
      [personId, nonce, tokenHash],
    );
    // TypeORM answers an UPDATE with [rows, count].
    const rows = (Array.isArray(updated[0]) ? updated[0] : updated) as CalendarFeedRow[];
    return rows[0] ?? null;
  }

  /** Whose feed this hash opens (app_calendar_feed_person, the one lookup before any context). */
  async ownerOf(db: EntityManager, tokenHash: Buffer): Promise<CalendarFeedOwner | null> {
    const [row] = await db.query(
      `SELECT person_id AS "personId", subject, fiscal_code AS "fiscalCode" FROM app_calendar_feed_person($1)`,
      [tokenHash],
    );
    return row ?? null;
  }
}
