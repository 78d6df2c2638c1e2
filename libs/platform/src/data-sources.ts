import { AppConfig, createDataSource } from '@rtd/kernel';
import { DataSource } from 'typeorm';
import { ALL_MIGRATIONS } from '../../../migrations';
import { ALL_ENTITIES } from './entities';

/** The application's pool: role rtd_app, which owns nothing and is subject to row-level security. */
export function appDataSource(config: AppConfig, applicationName: string): DataSource {
  return createDataSource({
    url: config.databaseUrl,
    poolSize: config.databasePoolSize,
    applicationName,
    entities: ALL_ENTITIES,
  });
}

/** The owner's connection: runs migrations and loads reference data, never serves requests. */
export function ownerDataSource(
  config: Pick<AppConfig, 'databaseOwnerUrl'>,
  applicationName: string,
): DataSource {
  return createDataSource({
    url: config.databaseOwnerUrl,
    poolSize: 2,
    applicationName,
    entities: ALL_ENTITIES,
    migrations: ALL_MIGRATIONS as unknown as string[],
  });
}
