import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications.module';
import { MailDelivery } from '../mail-delivery';
import { NoticesService } from '../notices/notices.service';
import { NotificationsService } from '../notifications.service';
import { NOTIFICATIONS_QUEUE } from './notification.payload';
import { DailyDigestScheduler, NotificationsProcessor } from './notifications.job';

/** The worker's part of notifications: the e-mail queue, its processor and the morning schedule. */
@Module({
  imports: [NotificationsModule, BullModule.registerQueue({ name: NOTIFICATIONS_QUEUE })],
  providers: [
    MailDelivery,
    NotificationsService,
    NoticesService,
    NotificationsProcessor,
    DailyDigestScheduler,
  ],
  exports: [NotificationsService, NoticesService],
})
export class NotificationsJobsModule {}
