import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { APP_CONFIG, AppConfig } from '@rtd/kernel';
import { runProcess } from '@rtd/platform';
import { AppModule } from './app.module';
import { webAppHandlers } from './web/web-app';

export async function startApi() {
  const app = await NestFactory.create(AppModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  const config = app.get<AppConfig>(APP_CONFIG);
  // The web app shares the API's origin; its handlers step aside for /graphql and /health.
  const web = webAppHandlers(config);
  app.use(web.compressed);
  app.use(web.assets);
  app.use(web.fallback);
  await app.listen(config.port, config.host);
  app.get(Logger).log(`RTD Hub API su http://${config.host}:${config.port}/graphql (app web su /)`);
  return app;
}

if (require.main === module) {
  runProcess("dell'API", startApi);
}
