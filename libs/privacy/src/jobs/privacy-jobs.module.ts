import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { PrivacyConfigModule } from '../privacy.config';
import { RETENTION_QUEUE, RetentionProcessor, RetentionScheduler } from './retention.job';

/** The worker's part of privacy: the nightly retention job, its queue and its schedule. */
@Module({
  imports: [PrivacyConfigModule, BullModule.registerQueue({ name: RETENTION_QUEUE })],
  providers: [RetentionProcessor, RetentionScheduler],
})
export class PrivacyJobsModule {}
