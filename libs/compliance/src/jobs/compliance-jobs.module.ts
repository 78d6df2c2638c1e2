import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { ComplianceRepository } from '../compliance-read-model.repository';
import { ComplianceSnapshots } from '../compliance-snapshots';
import {
  COMPLIANCE_QUEUE,
  ComplianceSnapshotProcessor,
  ComplianceSnapshotScheduler,
} from './compliance-snapshot.job';

/** The worker's part of compliance: the nightly snapshot, its queue and its schedule. */
@Module({
  imports: [BullModule.registerQueue({ name: COMPLIANCE_QUEUE })],
  providers: [
    ComplianceRepository,
    ComplianceSnapshots,
    ComplianceSnapshotProcessor,
    ComplianceSnapshotScheduler,
  ],
})
export class ComplianceJobsModule {}
