import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { APP_CONFIG, AppConfig } from '@rtd/kernel';
import { runProcess } from '@rtd/platform';
import { AppModule } from './app.module';
import { tuneHeap } from './heap';
import { configureHttp } from './http/configure-http';

export async function startApi() {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  const config = app.get<AppConfig>(APP_CONFIG);
  // Security headers first, then the web app (same origin; it steps aside for /graphql and /health).
  configureHttp(app, config);
  await app.listen(config.port, config.host);
  app.get(Logger).log(`RTD Hub API su http://${config.host}:${config.port}/graphql (app web su /)`);
  return app;
}

if (require.main === module) {
  tuneHeap();
  runProcess("dell'API", startApi);
}
