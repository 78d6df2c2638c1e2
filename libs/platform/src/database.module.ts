import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, APP_DATA_SOURCE, AppConfig } from '@rtd/kernel';
import { POSTGRES_HINT, ServiceUnavailableError } from './service-unavailable';
import { DataSource } from 'typeorm';
import { appDataSource } from './data-sources';

export { APP_DATA_SOURCE };
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
          return await dataSource.initialize();
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
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
