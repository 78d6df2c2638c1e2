import { DataSource, DataSourceOptions } from 'typeorm';
import { installPgTypeParsers } from './pg-types';

export interface DataSourceParams {
  url: string;
  poolSize?: number;
  applicationName: string;
  entities?: DataSourceOptions['entities'];
  migrations?: DataSourceOptions['migrations'];
  logging?: boolean;
}

/**
 * Every connection of the product is made here. Schema changes only ever come from
 * migrations: `synchronize` is off on purpose and must stay off.
 */
export function createDataSource(params: DataSourceParams): DataSource {
  installPgTypeParsers();
  return new DataSource({
    type: 'postgres',
    url: params.url,
    applicationName: params.applicationName,
    entities: params.entities ?? [],
    migrations: params.migrations ?? [],
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logging: params.logging ?? false,
    extra: { max: params.poolSize ?? 10, connectionTimeoutMillis: 5000 },
  });
}
