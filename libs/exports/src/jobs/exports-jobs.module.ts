import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { ComplianceModule } from '@rtd/compliance';
import { IdentityModule } from '@rtd/identity';
import { NotificationsJobsModule } from '@rtd/notifications';
import { PnrrModule } from '@rtd/pnrr';
import { TenancyModule } from '@rtd/tenancy';
import { ExportsModule } from '../exports.module';
import { EXPORTS_QUEUE } from '../exports.service';
import { ComuneFileBuilder } from './comune-file.job';
import { PianoFileBuilder } from './piano-file.job';
import { RegionFileBuilder } from './region-file.job';
import { ConsortiumReportBuilder, ExportsProcessor } from './consortium-report.job';
import {
  EXPORTS_DAILY_QUEUE,
  ExpiredFilesCleaner,
  ExportsDailyProcessor,
  ExportsDailyScheduler,
} from './report-schedule.job';

/** The worker's part of exports: the exports queue and its builders (the periodic report, the scheda, the monitoring sheet, the Piano as a document and «La Regione»); the daily scheduled reports and deletion of expired files. */
@Module({
  imports: [
    ExportsModule,
    IdentityModule,
    ComplianceModule,
    PnrrModule,
    TenancyModule,
    NotificationsJobsModule,
    BullModule.registerQueue({ name: EXPORTS_QUEUE }, { name: EXPORTS_DAILY_QUEUE }),
  ],
  providers: [
    ConsortiumReportBuilder,
    ComuneFileBuilder,
    PianoFileBuilder,
    RegionFileBuilder,
    ExportsProcessor,
    ExpiredFilesCleaner,
    ExportsDailyProcessor,
    ExportsDailyScheduler,
  ],
})
export class ExportsJobsModule {}
