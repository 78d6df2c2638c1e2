import { AppConfig, bindContextKey, createDataSource, storeContextKey } from '@rtd/kernel';
import { DataSource, DataSourceOptions } from 'typeorm';

/** The application's pool: role rtd_app, which owns nothing and is subject to row-level security. */
export function appDataSource(config: AppConfig, applicationName: string): DataSource {
  const dataSource = createDataSource({
    url: config.databaseUrl,
    poolSize: config.databasePoolSize,
    applicationName,
  });
  // Row-level security settings are signed with it (db-context.ts); without it none can be applied.
  bindContextKey(dataSource, config.dbContextKey);
  return dataSource;
}

/** The read replica's pool (DATABASE_REPLICA_URL), signing its settings with the same key; null without one. */
export function replicaDataSource(config: AppConfig, applicationName: string): DataSource | null {
  if (!config.databaseReplicaUrl) return null;
  return appDataSource({ ...config, databaseUrl: config.databaseReplicaUrl }, applicationName);
}

/**
 * The owner's connection: runs migrations and loads reference data, never serves requests. The
 * migrations (migrations/index.ts ALL_MIGRATIONS) are given by who runs them: the CLI, the test
 * setup, the benchmark; the product's libraries do not import them.
 */
export function ownerDataSource(
  config: Pick<AppConfig, 'databaseOwnerUrl'>,
  applicationName: string,
  migrations: readonly unknown[] = [],
): DataSource {
  return createDataSource({
    url: config.databaseOwnerUrl,
    poolSize: 2,
    applicationName,
    migrations: migrations as DataSourceOptions['migrations'],
  });
}

/**
 * Applies the pending migrations the owner data source was built with, then stores the key of DB_CONTEXT_KEY where row-level security
 * checks the settings' signature: every migration run (db:setup, migration:run, demo, tests)
 * brings the database's key in line with the application's. Returns the migrations applied.
 */
export async function migrate(owner: DataSource, config: Pick<AppConfig, 'dbContextKey'>): Promise<string[]> {
  const applied = await owner.runMigrations({ transaction: 'each' });
  await storeContextKey(owner, config.dbContextKey);
  return applied.map((migration) => migration.name);
}
