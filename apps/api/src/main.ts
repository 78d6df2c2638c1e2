import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { APP_CONFIG, AppConfig, ConfigError, loadConfig } from '@rtd/kernel';
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
  try {
    loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
  startApi().catch((error: unknown) => {
    console.error(`Avvio dell'API non riuscito: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
