import { writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../../../api/src/app.module';
import { printApiSchema } from '../../../api/src/graphql/schema-printer';
import { setupDatabase } from './database.commands';
import { loadConfig } from '@rtd/kernel';

/** Boots the API without listening and writes its GraphQL schema, for review in git. */
export async function printSchema(file: string): Promise<string> {
  await setupDatabase(loadConfig());
  const app = await NestFactory.create(AppModule, { logger: false });
  try {
    await app.init();
    writeFileSync(file, printApiSchema(app));
  } finally {
    await app.close();
  }
  return `Schema scritto in ${file}`;
}
