import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, AppConfig, ConfigModule, QueueName } from '@rtd/kernel';
import { bullConnection, DatabaseModule, loggerParams, ShutdownLogger } from '@rtd/platform';
import { ComplianceRepository, ComplianceSnapshots } from '@rtd/compliance';
import { NotificationsModule, NotificationsService } from '@rtd/notifications';
import { FanOut, ObjectivesRepository } from '@rtd/objectives';
import { WorkerLiveness } from './health/worker-liveness';
import { ComplianceSnapshotProcessor, ComplianceSnapshotScheduler } from './jobs/compliance-snapshot.job';
import { HeartbeatProcessor, HeartbeatScheduler } from './jobs/heartbeat.job';
import { DailyDigestScheduler, NotificationsProcessor } from './jobs/notifications.job';
import { PushRunProcessor } from './jobs/push-run.job';
import { OutboxRelay } from './outbox/outbox-relay';

@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => loggerParams(config, 'worker'),
    }),
    DatabaseModule.forApplication('rtd-hub-worker'),
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        connection: bullConnection(config.redisUrl),
        prefix: config.queuePrefix,
      }),
    }),
    BullModule.registerQueue(
      { name: QueueName.Heartbeat },
      { name: QueueName.PushRuns },
      { name: QueueName.Notifications },
      { name: QueueName.Compliance },
    ),
    NotificationsModule,
    DiscoveryModule,
  ],
  providers: [
    HeartbeatProcessor,
    HeartbeatScheduler,
    ShutdownLogger,
    ObjectivesRepository,
    FanOut,
    PushRunProcessor,
    OutboxRelay,
    NotificationsService,
    NotificationsProcessor,
    DailyDigestScheduler,
    ComplianceRepository,
    ComplianceSnapshots,
    ComplianceSnapshotProcessor,
    ComplianceSnapshotScheduler,
    WorkerLiveness,
  ],
})
export class WorkerModule {}
