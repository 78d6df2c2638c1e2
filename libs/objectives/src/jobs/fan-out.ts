import { Inject, Injectable, Logger } from '@nestjs/common';
import { JobContext } from '@rtd/authz';
import { markOutboxProcessed, Outbox } from '@rtd/outbox';
import { OBJECTIVE_NOTICE_TOPIC, PublishedMessage } from '../objective-notice-message';
import { PushRunRow, ObjectivesRepository } from '../objectives.repository';
import { PUSH_RUN_ASSIGNMENTS, PushRunJob, pushRunOutboxKey } from './push-run.payload';
import type { PushRunAssignments } from './push-run.payload';

export const FAN_OUT_SUBJECT = 'system:fan-out';
const DEFAULT_BATCH = 1000;

/**
 * Creates one assignment per targeted municipality of a push run, in batches of their own
 * transactions, through the assignments domain (PushRunAssignments, PushRunAssignmentsService). Safe
 * to run again at any point (a retry, a worker killed mid-run, the relay re-enqueueing a lost
 * job): the unique (objective, municipality) constraint makes a second insert a no-op, and the
 * counters are recounted from the rows, not accumulated.
 */
@Injectable()
export class FanOut {
  private readonly logger = new Logger(FanOut.name);

  constructor(
    private readonly repository: ObjectivesRepository,
    @Inject(PUSH_RUN_ASSIGNMENTS) private readonly assignments: PushRunAssignments,
    private readonly outbox: Outbox,
  ) {}

  /** `context` acts for the run's consortium (JobContext.forJob with the job's payload). */
  async run(context: JobContext, job: PushRunJob, batchSize = DEFAULT_BATCH): Promise<PushRunRow> {
    const started = await context.run(async (ctx) =>
      this.repository.startPushRun(await ctx.db(), job.pushRunId),
    );
    if (!started)
      return context.run(
        async (ctx) => (await this.repository.pushRunsByIds(await ctx.db(), [job.pushRunId]))[0],
      );

    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const batch = await context.run(async (ctx) => {
        const db = await ctx.db();
        const targeted = await this.repository.targetedAfter(db, job.objectiveId, after, batchSize);
        await this.assignments.assignForPushRun(ctx, job, targeted);
        await this.repository.recordPushRunCreated(
          db,
          job.pushRunId,
          await this.assignments.countForPushRun(ctx, job),
        );
        return targeted;
      });
      if (batch.length < batchSize || batch.length === 0) break;
      after = batch[batch.length - 1];
    }

    const finished = await context.run(async (ctx) => {
      const db = await ctx.db();
      const created = await this.assignments.countForPushRun(ctx, job);
      await this.repository.finishPushRun(db, job.pushRunId, job.objectiveId, created);
      await markOutboxProcessed(db, pushRunOutboxKey(job.pushRunId));
      // After the fan-out, with its end: the comuni's people are told of their new activities once.
      const notice: PublishedMessage = { kind: 'published', ...job };
      await this.outbox.add(db, {
        topic: OBJECTIVE_NOTICE_TOPIC,
        payload: notice,
        consortiumId: job.consortiumId,
        dedupeKey: `mail:published:${job.pushRunId}`,
      });
      return (await this.repository.pushRunsByIds(db, [job.pushRunId]))[0];
    });
    this.logger.log(
      `push run ${finished.id}: targeted ${finished.targeted}, created ${finished.created}, skipped ${finished.skipped}`,
    );
    return finished;
  }

  async markFailed(context: JobContext, job: PushRunJob, reason: string): Promise<void> {
    await context.run(async (ctx) => this.repository.failPushRun(await ctx.db(), job.pushRunId, reason));
  }
}
