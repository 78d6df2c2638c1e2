import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { HEARTBEAT_QUEUE, HeartbeatProcessor, HeartbeatScheduler } from './heartbeat.job';
import { WorkerLiveness } from './worker-liveness';

/**
 * The worker's health: the heartbeat job (proof that jobs are consumed, readable in its queue)
 * and the liveness file the container's health check reads (worker-liveness.ts, heartbeat-file.ts).
 */
@Module({
  imports: [DiscoveryModule, BullModule.registerQueue({ name: HEARTBEAT_QUEUE })],
  providers: [HeartbeatProcessor, HeartbeatScheduler, WorkerLiveness],
})
export class WorkerHealthModule {}
