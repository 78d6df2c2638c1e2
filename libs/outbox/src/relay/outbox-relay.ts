import { getQueueToken } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { JobContext } from '@rtd/authz';
import {
  APP_CONFIG,
  APP_DATA_SOURCE,
  JOB_REQUEST_ID,
  probeOutboxLag,
  probeOutboxMessages,
} from '@rtd/kernel';
import type { AppConfig } from '@rtd/kernel';
import { OUTBOX_CHANNEL, OUTBOX_KEY } from '../outbox';

/** The topics (queue names) the relay delivers: given by the application (OutboxRelayModule.register). */
export const OUTBOX_TOPICS = Symbol('OUTBOX_TOPICS');
/** The relay's system subject: it reads and updates the outbox, with no consortium's rights. */
export const RELAY_SUBJECT = 'system:outbox-relay';

const POLL_EVERY_MS = 2000;
/** A message enqueued this long ago and still not processed is enqueued again (its job was lost). */
const REDELIVER_AFTER = '2 minutes';
const BATCH = 200;
/** Retries of a relayed job, with exponential backoff from one second (about four minutes in all). */
const JOB_ATTEMPTS = 8;

interface OutboxRow {
  id: string;
  consortiumId: string | null;
  topic: string;
  payload: Record<string, unknown>;
  dedupeKey: string | null;
  /** The request whose transaction wrote it (outbox.request_id): the job's log lines carry it. */
  requestId: string | null;
}

/**
 * Why a row must not become a job, or null. Jobs act with the rights of the consortium their
 * payload names (JobContext.forJob), so a payload naming another consortium than the row (which
 * row-level security checked against its writer) is never delivered.
 */
export function undeliverable(row: Pick<OutboxRow, 'consortiumId' | 'payload'>): string | null {
  const named = row.payload?.consortiumId ?? null;
  if (named !== row.consortiumId)
    return `payload consortium ${String(named)} is not the row's ${row.consortiumId}`;
  return null;
}

/**
 * Moves committed outbox rows to their BullMQ queues: woken by NOTIFY at commit, and polling as
 * a safety net. A row whose job vanished (Redis restarted empty, a worker killed) is enqueued
 * again after a while; the job id (its dedupe key) keeps a live job from being duplicated.
 * The queues are those of the topics the application registers, each declared by its domain
 * (PUSH_RUNS_QUEUE in objectives, NOTIFICATIONS_QUEUE in notifications).
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly queues = new Map<string, Queue>();
  private listener: Client | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private readonly unprobe: (() => void)[] = [];

  constructor(
    @Inject(APP_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(OUTBOX_TOPICS) private readonly topics: readonly string[],
    private readonly moduleRef: ModuleRef,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Each queue is registered by its domain's jobs module (BullModule.registerQueue).
    for (const topic of this.topics) {
      this.queues.set(topic, this.moduleRef.get<Queue>(getQueueToken(topic), { strict: false }));
    }
    this.listener = new Client({ connectionString: this.config.databaseUrl });
    this.listener.on('error', (error) => this.logger.warn(`LISTEN connection: ${error.message}`));
    this.listener.on('notification', () => this.wake());
    await this.listener.connect();
    await this.listener.query(`LISTEN ${OUTBOX_CHANNEL}`);
    this.timer = setInterval(() => this.wake(), POLL_EVERY_MS);
    this.wake();
    this.unprobe.push(
      probeOutboxLag(async (set) => set({}, (await this.backlog()).lag)),
      probeOutboxMessages(async (set) => {
        const { unprocessed, held } = await this.backlog();
        set({ state: 'unprocessed' }, unprocessed);
        set({ state: 'held' }, held);
      }),
    );
  }

  /**
   * What the metrics show of the outbox (rtd_outbox_lag_seconds, rtd_outbox_messages): the age of
   * the oldest deliverable message not yet enqueued, the messages whose job has not finished, and
   * those the relay holds. Read at each scrape, with the relay's rights.
   */
  private backlog(): Promise<{ lag: number; unprocessed: number; held: number }> {
    return JobContext.forJob(this.dataSource, RELAY_SUBJECT, { consortiumId: null }).run(async (ctx) => {
      const [row] = await (
        await ctx.db()
      ).query(
        `SELECT coalesce(extract(epoch FROM now() - min(available_at)
                  FILTER (WHERE enqueued_at IS NULL AND available_at <= now())), 0)::float AS lag,
                count(*) FILTER (WHERE available_at <> 'infinity')::int AS unprocessed,
                count(*) FILTER (WHERE available_at = 'infinity')::int AS held
           FROM outbox WHERE processed_at IS NULL`,
      );
      return { lag: Number(row.lag), unprocessed: row.unprocessed, held: row.held };
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.unprobe.splice(0).forEach((stop) => stop());
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
    await this.listener?.end().catch(() => undefined);
  }

  /** Runs a relay pass now, or right after the one in progress. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.relay()
      .catch((error: Error) => this.logger.warn(`outbox relay: ${error.message}`))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  private async relay(): Promise<void> {
    for (;;) {
      const moved = await JobContext.forJob(this.dataSource, RELAY_SUBJECT, { consortiumId: null }).run(
        async (ctx) => {
          const db = await ctx.db();
          const rows: OutboxRow[] = await db.query(
            `SELECT id, consortium_id AS "consortiumId", topic, payload, dedupe_key AS "dedupeKey",
                    request_id AS "requestId" FROM outbox
            WHERE processed_at IS NULL AND available_at <= now()
              AND (enqueued_at IS NULL OR enqueued_at < now() - interval '${REDELIVER_AFTER}')
            ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
          );
          for (const row of rows) {
            const refused = undeliverable(row);
            if (refused) {
              this.logger.warn(`outbox row ${row.id} held: ${refused}`);
              await db.query(`UPDATE outbox SET last_error = $2, available_at = 'infinity' WHERE id = $1`, [
                row.id,
                refused,
              ]);
              continue;
            }
            const queue = this.queues.get(row.topic);
            if (!queue) {
              await db.query(
                `UPDATE outbox SET last_error = $2, available_at = now() + interval '1 hour' WHERE id = $1`,
                [row.id, `no queue for topic ${row.topic}`],
              );
              continue;
            }
            const jobId = (row.dedupeKey ?? `outbox-${row.id}`).replace(/:/g, '-');
            // A job that already exists with this id (waiting, active, failed) is not added twice;
            // a finished or vanished one is, which is what redelivery needs.
            const existing = await queue.getJob(jobId);
            if (existing && (await existing.isCompleted())) await existing.remove();
            await queue.add(
              row.topic,
              { ...row.payload, [OUTBOX_KEY]: row.dedupeKey, [JOB_REQUEST_ID]: row.requestId },
              {
                jobId,
                attempts: JOB_ATTEMPTS,
                backoff: { type: 'exponential', delay: 1000 },
                removeOnComplete: { age: 3600 },
                removeOnFail: { age: 24 * 3600 },
              },
            );
            await db.query(`UPDATE outbox SET enqueued_at = now(), attempts = attempts + 1 WHERE id = $1`, [
              row.id,
            ]);
          }
          return rows.length;
        },
      );
      if (moved < BATCH) return;
    }
  }
}
