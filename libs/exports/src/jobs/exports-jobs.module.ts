import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { ComplianceModule } from '@rtd/compliance';
import { NotificationsJobsModule } from '@rtd/notifications';
import { ExportsModule } from '../exports.module';
import { EXPORTS_QUEUE } from '../exports.service';
import { ConsortiumReportBuilder, ExportsProcessor } from './consortium-report.job';

/** The worker's part of exports: the periodic report's queue and its builder. */
@Module({
  imports: [
    ExportsModule,
    ComplianceModule,
    NotificationsJobsModule,
    BullModule.registerQueue({ name: EXPORTS_QUEUE }),
  ],
  providers: [ConsortiumReportBuilder, ExportsProcessor],
})
export class ExportsJobsModule {}
