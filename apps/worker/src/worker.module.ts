import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, AppConfig, ConfigModule } from '@rtd/kernel';
import {
  bullConnection,
  DatabaseModule,
  loggerParams,
  MetricsModule,
  ShutdownLoggerModule,
  WorkerHealthModule,
} from '@rtd/platform';
import { AssignmentsModule, PushRunAssignmentsService } from '@rtd/assignments';
import { AuditModule } from '@rtd/audit';
import { ComplianceJobsModule } from '@rtd/compliance';
import { EXPORTS_QUEUE, ExportsJobsModule } from '@rtd/exports';
import { NOTIFICATIONS_QUEUE, NotificationsJobsModule } from '@rtd/notifications';
import { PUSH_RUNS_QUEUE, PushRunJobsModule } from '@rtd/objectives';
import { OutboxModule, OutboxRelayModule } from '@rtd/outbox';
import { PrivacyJobsModule } from '@rtd/privacy';

/**
 * The background worker: modules only. Each domain brings its jobs (processor, payload, queue,
 * schedule) in libs/<domain>/src/jobs; the worker wires them to the shared infrastructure, and
 * the fan-out to the assignments domain that creates the assignments.
 */
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
    // Global: the audit trail and the outbox every domain service writes with.
    AuditModule,
    OutboxModule,
    WorkerHealthModule,
    MetricsModule.forService('worker'),
    ShutdownLoggerModule,
    PushRunJobsModule.register({ imports: [AssignmentsModule], assignments: PushRunAssignmentsService }),
    NotificationsJobsModule,
    ComplianceJobsModule,
    ExportsJobsModule,
    PrivacyJobsModule,
    // Files take turns by consortium: one office's batch does not hold another's scheda (issue 26).
    OutboxRelayModule.register([PUSH_RUNS_QUEUE, NOTIFICATIONS_QUEUE, EXPORTS_QUEUE], {
      fair: [EXPORTS_QUEUE],
    }),
  ],
})
export class WorkerModule {}
