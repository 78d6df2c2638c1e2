import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { systemSettings } from '@rtd/authz';
import { jobTimingFromEnv, NotificationJob, QueueName, todayInRome, withDbSession } from '@rtd/kernel';
import { NotificationsService } from '@rtd/notifications';
import { markOutboxProcessed, OUTBOX_KEY } from '@rtd/outbox';
import { APP_DATA_SOURCE } from '@rtd/platform';

export const DAILY_DIGESTS = 'daily-digests';

/** Sends e-mails: a review decision as soon as it is taken, the deadline digests every morning. */
@Processor(QueueName.Notifications, { concurrency: 1, ...jobTimingFromEnv() })
export class NotificationsProcessor extends WorkerHost {
  constructor(
    private readonly notifications: NotificationsService,
    @Inject(APP_DATA_SOURCE) private readonly dataSource: DataSource,
  ) {
    super();
  }

  async process(job: Job<NotificationJob & { [OUTBOX_KEY]?: string }>): Promise<number> {
    const data = job.data;
    if (data.kind === 'review-decision') {
      const sent = await this.notifications.sendReviewDecision(
        this.dataSource,
        data.assignmentId,
        data.version,
        data.consortiumId,
      );
      await withDbSession(
        this.dataSource,
        systemSettings('system:notifications', data.consortiumId),
        async (s) => markOutboxProcessed(await s.manager(), data[OUTBOX_KEY]),
      );
      return sent;
    }
    return this.notifications.sendDailyDigests(this.dataSource, data.day ?? todayInRome());
  }
}

/** One schedule per deployment (upserted at every start): 07:00 Europe/Rome, daylight saving included. */
@Injectable()
export class DailyDigestScheduler implements OnApplicationBootstrap {
  constructor(@InjectQueue(QueueName.Notifications) private readonly queue: Queue<NotificationJob>) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      DAILY_DIGESTS,
      { pattern: '0 7 * * *', tz: 'Europe/Rome' },
      {
        name: DAILY_DIGESTS,
        data: { kind: 'daily-digests' },
        opts: {
          attempts: 5,
          backoff: { type: 'exponential', delay: 60_000 },
          removeOnComplete: 30,
          removeOnFail: 100,
        },
      },
    );
  }
}
