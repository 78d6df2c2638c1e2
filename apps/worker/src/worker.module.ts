import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, AppConfig, ConfigModule, QueueName } from '@rtd/kernel';
import { bullConnection, DatabaseModule, loggerParams, ShutdownLogger } from '@rtd/platform';
import { HeartbeatProcessor, HeartbeatScheduler } from './jobs/heartbeat.job';

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
    BullModule.registerQueue({ name: QueueName.Heartbeat }),
  ],
  providers: [HeartbeatProcessor, HeartbeatScheduler, ShutdownLogger],
})
export class WorkerModule {}
