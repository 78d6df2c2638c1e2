import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { APP_CONFIG, AppConfig } from '@rtd/kernel';
import { runProcess } from '@rtd/platform';
import { AppModule } from './app.module';

export async function startApi() {
  const app = await NestFactory.create(AppModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  const config = app.get<AppConfig>(APP_CONFIG);
  await app.listen(config.port, config.host);
  app.get(Logger).log(`RTD Hub API su http://${config.host}:${config.port}/graphql`);
  return app;
}

if (require.main === module) {
  runProcess("dell'API", startApi);
}
