import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, APP_DATA_SOURCE, APP_REPLICA_DATA_SOURCE, AppConfig } from '@rtd/kernel';
import { POSTGRES_HINT, ServiceUnavailableError } from './service-unavailable';
import { DataSource } from 'typeorm';
import { appDataSource, replicaDataSource } from './data-sources';
import { probePool, probeReplica, unprobe } from './metrics/database-probes';

export { APP_DATA_SOURCE, APP_REPLICA_DATA_SOURCE };
export const APPLICATION_NAME = Symbol('APPLICATION_NAME');

@Global()
@Module({
  providers: [
    {
      provide: APP_DATA_SOURCE,
      inject: [APP_CONFIG, APPLICATION_NAME],
      useFactory: async (config: AppConfig, applicationName: string): Promise<DataSource> => {
        const dataSource = appDataSource(config, applicationName);
        try {
          await dataSource.initialize();
          // Pool use is read at each scrape (rtd_db_pool_connections), as long as the pool lives.
          probePool(dataSource);
          return dataSource;
        } catch (error) {
          throw new ServiceUnavailableError('PostgreSQL', config.databaseUrl, POSTGRES_HINT, error);
        }
      },
    },
  ],
  exports: [APP_DATA_SOURCE],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(APP_DATA_SOURCE) private readonly dataSource: DataSource) {}

  static forApplication(applicationName: string) {
    return {
      module: DatabaseModule,
      providers: [{ provide: APPLICATION_NAME, useValue: applicationName }],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    unprobe(this.dataSource);
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/**
 * The read replica's pool, or null when DATABASE_REPLICA_URL is not set: imported by the API only
 * (regional aggregates, RequestContext.replicaRead); the worker writes and reads the primary.
 */
@Global()
@Module({
  providers: [
    {
      provide: APP_REPLICA_DATA_SOURCE,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig): Promise<DataSource | null> => {
        const dataSource = replicaDataSource(config, 'rtd-hub-api-replica');
        if (!dataSource) return null;
        try {
          await dataSource.initialize();
          probePool(dataSource);
          probeReplica(dataSource);
          return dataSource;
        } catch (error) {
          throw new ServiceUnavailableError(
            'PostgreSQL (replica)',
            config.databaseReplicaUrl!,
            POSTGRES_HINT,
            error,
          );
        }
      },
    },
  ],
  exports: [APP_REPLICA_DATA_SOURCE],
})
export class ReplicaDatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(APP_REPLICA_DATA_SOURCE) private readonly dataSource: DataSource | null) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource) unprobe(this.dataSource);
    if (this.dataSource?.isInitialized) await this.dataSource.destroy();
  }
}
