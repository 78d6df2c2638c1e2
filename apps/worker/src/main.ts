import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { ConfigError, loadConfig } from '@rtd/kernel';
import { assertRedisReachable } from '@rtd/platform';
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
  try {
    loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
  startWorker().catch((error: unknown) => {
    console.error(`Avvio del worker non riuscito: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
