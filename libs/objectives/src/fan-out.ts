import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { systemSettings } from '@rtd/authz';
import { PushRunJob, withDbSession } from '@rtd/kernel';
import { PushRunRow, ObjectivesRepository, TARGETED_MEMBERS } from './objectives.repository';

export const FAN_OUT_SUBJECT = 'system:fan-out';
const DEFAULT_BATCH = 1000;

/**
 * Creates one assignment per targeted municipality of a push run, in batches of their own
 * transactions. Safe to run again at any point (a retry, a worker killed mid-run, the relay
 * re-enqueueing a lost job): the unique (objective, municipality) constraint makes a second
 * insert a no-op, and the counters are recounted from the rows, not accumulated.
 */
@Injectable()
export class FanOut {
  private readonly logger = new Logger(FanOut.name);

  constructor(private readonly repository: ObjectivesRepository) {}

  async run(dataSource: DataSource, job: PushRunJob, batchSize = DEFAULT_BATCH): Promise<PushRunRow> {
    const settings = systemSettings(FAN_OUT_SUBJECT, job.consortiumId);
    const inTransaction = <T>(work: (db: import('typeorm').EntityManager) => Promise<T>) =>
      withDbSession(dataSource, settings, async (session) => work(await session.manager()));

    const started = await inTransaction(async (db) => {
      const rows = await db.query(
        `UPDATE push_run SET state = 'RUNNING', started_at = coalesce(started_at, now()), attempts = attempts + 1
          WHERE id = $1 AND state <> 'DONE' RETURNING id`,
        [job.pushRunId],
      );
      return (Array.isArray(rows[0]) ? rows[0] : rows).length > 0;
    });
    if (!started) return (await inTransaction((db) => this.repository.pushRunsByIds(db, [job.pushRunId])))[0];

    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const batch = await inTransaction(async (db) => {
        // Each batch bumps the consortium's compliance version once (statement-level trigger
        // assignment_version_insert, migrations/1764000005000-compliance-versions.ts).
        const [result] = await db.query(
          `WITH targeted AS (
             SELECT t.id FROM shared_objective o, LATERAL (${TARGETED_MEMBERS}) t
              WHERE o.id = $1 AND t.id > $3::uuid ORDER BY t.id LIMIT $4
           ), created AS (
             INSERT INTO assignment (consortium_id, comune_id, objective_id, push_run_id)
             SELECT $2, id, $1, $5 FROM targeted
             ON CONFLICT (objective_id, comune_id) DO NOTHING
             RETURNING id, comune_id
           ), history AS (
             INSERT INTO status_event (consortium_id, comune_id, assignment_id, from_status, to_status, progress,
                                       note, actor_subject)
             SELECT $2, comune_id, id, NULL, 'NOT_STARTED', 0, 'Obiettivo assegnato dall''Ufficio RTD', $6 FROM created
           )
           SELECT (SELECT count(*)::int FROM targeted) AS size,
                  (SELECT id FROM targeted ORDER BY id DESC LIMIT 1) AS last`,
          [job.objectiveId, job.consortiumId, after, batchSize, job.pushRunId, FAN_OUT_SUBJECT],
        );
        await db.query(
          `UPDATE push_run SET created = (SELECT count(*) FROM assignment WHERE push_run_id = $1) WHERE id = $1`,
          [job.pushRunId],
        );
        return result as { size: number; last: string | null };
      });
      if (batch.size < batchSize || !batch.last) break;
      after = batch.last;
    }

    const finished = await inTransaction(async (db) => {
      await db.query(
        `UPDATE push_run r SET state = 'DONE', finished_at = now(), last_error = NULL,
                created = c.created,
                targeted = t.targeted,
                skipped = greatest(t.targeted - c.created, 0)
           FROM (SELECT count(*)::int AS created FROM assignment WHERE push_run_id = $1) c,
                (SELECT count(*)::int AS targeted
                   FROM shared_objective o, LATERAL (${TARGETED_MEMBERS}) x WHERE o.id = $2) t
          WHERE r.id = $1`,
        [job.pushRunId, job.objectiveId],
      );
      await db.query(`UPDATE outbox SET processed_at = now() WHERE dedupe_key = $1`, [
        `push-run:${job.pushRunId}`,
      ]);
      return (await this.repository.pushRunsByIds(db, [job.pushRunId]))[0];
    });
    this.logger.log(
      `push run ${finished.id}: targeted ${finished.targeted}, created ${finished.created}, skipped ${finished.skipped}`,
    );
    return finished;
  }

  async markFailed(dataSource: DataSource, job: PushRunJob, reason: string): Promise<void> {
    await withDbSession(dataSource, systemSettings(FAN_OUT_SUBJECT, job.consortiumId), async (session) => {
      const db = await session.manager();
      await db.query(
        `UPDATE push_run SET state = 'FAILED', last_error = $2 WHERE id = $1 AND state <> 'DONE'`,
        [job.pushRunId, reason.slice(0, 2000)],
      );
    });
  }
}
