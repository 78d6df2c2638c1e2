import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** The channel a committed outbox row is announced on, so the relay need not wait for its next poll. */
export const OUTBOX_CHANNEL = 'rtd_outbox';

export interface OutboxMessage {
  /** The BullMQ queue that runs it, a name its domain declares (PUSH_RUNS_QUEUE, NOTIFICATIONS_QUEUE). */
  topic: string;
  payload: Record<string, unknown>;
  consortiumId: string | null;
  /** Unique: the job id in the queue, so one fact never makes two jobs. */
  dedupeKey?: string;
}

/**
 * Writes background work into the outbox table with the state change that causes it, in the
 * same transaction: if the transaction rolls back there is no job; if Redis is down at that
 * moment the job still exists and the relay (apps/worker) delivers it later.
 */
@Injectable()
export class Outbox {
  async add(db: EntityManager, message: OutboxMessage): Promise<void> {
    await db.query(
      // No ON CONFLICT: under row-level security it would need the writer to read the outbox.
      `INSERT INTO outbox (consortium_id, topic, payload, dedupe_key) VALUES ($1, $2, $3, $4)`,
      [message.consortiumId, message.topic, JSON.stringify(message.payload), message.dedupeKey ?? null],
    );
    // Delivered by PostgreSQL only at commit, and not at all on rollback.
    await db.query(`SELECT pg_notify($1, $2)`, [OUTBOX_CHANNEL, message.topic]);
  }
}

/** The key a relayed job carries in its data, naming the outbox row it came from. */
export const OUTBOX_KEY = 'outboxKey';

/** Marks the outbox row of a finished job, so the relay stops redelivering it. */
export async function markOutboxProcessed(db: EntityManager, key: string | undefined): Promise<void> {
  if (!key) return;
  await db.query(`UPDATE outbox SET processed_at = now() WHERE dedupe_key = $1 AND processed_at IS NULL`, [
    key,
  ]);
}
