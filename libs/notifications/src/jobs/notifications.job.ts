import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { JobContext } from '@rtd/authz';
import { todayInRome } from '@rtd/dates';
import { APP_DATA_SOURCE, jobTimingFromEnv, scheduleRepeatingJob } from '@rtd/kernel';
import { markOutboxProcessed, OUTBOX_KEY } from '@rtd/outbox';
import { NOTIFICATIONS_SUBJECT, NotificationsService } from '../notifications.service';
import { NoticesService } from '../notices/notices.service';
import { NOTIFICATIONS_QUEUE, NotificationJob } from './notification.payload';

export const DAILY_DIGESTS = 'daily-digests';

/** Sends e-mails: notices as soon as their fact commits, the digests and daily summaries every morning. */
@Processor(NOTIFICATIONS_QUEUE, { concurrency: 1, ...jobTimingFromEnv() })
export class NotificationsProcessor extends WorkerHost {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly notices: NoticesService,
    @Inject(APP_DATA_SOURCE) private readonly dataSource: DataSource,
  ) {
    super();
  }

  async process(job: Job<NotificationJob & { [OUTBOX_KEY]?: string }>): Promise<number> {
    const data = job.data;
    if (data.kind === 'daily-digests') {
      const context = JobContext.forJob(this.dataSource, NOTIFICATIONS_SUBJECT, {});
      return this.notifications.sendDailyDigests(context, data.day ?? todayInRome());
    }
    // The rights of the notice's consortium, the one its outbox row was checked against.
    const context = JobContext.forJob(this.dataSource, NOTIFICATIONS_SUBJECT, data);
    const sent = await this.notice(context, data);
    await context.run(async (ctx) => markOutboxProcessed(await ctx.db(), data[OUTBOX_KEY]));
    return sent;
  }

  private notice(
    context: JobContext,
    data: Exclude<NotificationJob, { kind: 'daily-digests' }>,
  ): Promise<number> {
    switch (data.kind) {
      case 'review-decision':
        return this.notifications.sendReviewDecision(context, data.assignmentId, data.version);
      case 'submitted':
        return this.notices.sendSubmitted(context, data.assignmentId, data.version);
      case 'reminder':
        return this.notices.sendReminder(context, data);
      case 'published':
        return this.notices.sendPublished(context, data);
      case 'objective-changed':
        return this.notices.sendObjectiveChanged(context, data);
    }
  }
}

/** One schedule per deployment (upserted at every start): 07:00 Europe/Rome, daylight saving included. */
@Injectable()
export class DailyDigestScheduler implements OnApplicationBootstrap {
  constructor(@InjectQueue(NOTIFICATIONS_QUEUE) private readonly queue: Queue<NotificationJob>) {}

  async onApplicationBootstrap(): Promise<void> {
    await scheduleRepeatingJob(
      this.queue,
      DAILY_DIGESTS,
      { pattern: '0 7 * * *', tz: 'Europe/Rome' },
      { kind: 'daily-digests' },
    );
  }
}
