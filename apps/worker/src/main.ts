import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { loadConfig } from '@rtd/kernel';
import { assertRedisReachable, runProcess } from '@rtd/platform';
import { WorkerModule } from './worker.module';

/** The background worker: consumes BullMQ queues; stops taking jobs and finishes the current ones on SIGTERM. */
export async function startWorker() {
  await assertRedisReachable(loadConfig().redisUrl);
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  app.get(Logger).log('RTD Hub worker avviato');
  return app;
}

if (require.main === module) {
  runProcess('del worker', startWorker);
}
