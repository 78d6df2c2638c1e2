import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { Logger, LoggerModule } from 'nestjs-pino';
import { AssignmentsModule } from '@rtd/assignments';
import { AuditModule } from '@rtd/audit';
import { AuditLogModule } from '@rtd/audit-log';
import { CalendarModule } from '@rtd/calendar';
import { CatalogModule } from '@rtd/catalog';
import { ComplianceModule } from '@rtd/compliance';
import { IdentityModule } from '@rtd/identity';
import { ObjectivesModule } from '@rtd/objectives';
import { OutboxModule } from '@rtd/outbox';
import { PlanModule } from '@rtd/plan';
import { PnrrModule } from '@rtd/pnrr';
import { ExportsModule } from '@rtd/exports';
import { NotificationPreferencesModule } from '@rtd/notifications';
import { PrivacyModule } from '@rtd/privacy';
import { APP_CONFIG, AppConfig, ConfigModule, DateScalar } from '@rtd/kernel';
import {
  DatabaseModule,
  HealthModule,
  loggerParams,
  MetricsModule,
  ReplicaDatabaseModule,
  ShutdownLogger,
} from '@rtd/platform';
import { TenancyModule } from '@rtd/tenancy';
import { GraphqlExceptionFilter } from './graphql/graphql-exception.filter';
import { graphqlOptions } from './graphql/graphql.options';
import { RequestContextFactory } from './graphql/request-context.factory';
import { CalendarFeedController } from './http/calendar-feed.controller';
import { DownloadController } from './http/download.controller';
import { EvidenceFilesController } from './http/evidence-files.controller';
import { GraphqlGateMiddleware } from './http/graphql-gate.middleware';
import { GraphqlRateLimiter } from './http/graphql-rate-limiter';
import { UnsubscribeController } from './http/unsubscribe.controller';

@Module({
  imports: [IdentityModule],
  providers: [RequestContextFactory],
  exports: [RequestContextFactory],
})
class RequestContextModule {}

@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => loggerParams(config, 'api'),
    }),
    DatabaseModule.forApplication('rtd-hub-api'),
    ReplicaDatabaseModule,
    HealthModule,
    MetricsModule.forService('api'),
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      imports: [RequestContextModule],
      inject: [APP_CONFIG, RequestContextFactory, Logger],
      useFactory: graphqlOptions,
    }),
    AuditModule,
    AuditLogModule,
    OutboxModule,
    CatalogModule,
    TenancyModule,
    IdentityModule,
    ObjectivesModule,
    AssignmentsModule,
    ComplianceModule,
    PnrrModule,
    PlanModule,
    ExportsModule,
    PrivacyModule,
    NotificationPreferencesModule,
    CalendarModule,
    RequestContextModule,
  ],
  controllers: [DownloadController, EvidenceFilesController, UnsubscribeController, CalendarFeedController],
  providers: [
    DateScalar,
    ShutdownLogger,
    GraphqlRateLimiter,
    { provide: APP_FILTER, useClass: GraphqlExceptionFilter },
  ],
})
export class AppModule implements NestModule {
  /** Module middleware is mounted before GraphQLModule starts Apollo: the gate runs first. */
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(GraphqlGateMiddleware).forRoutes({ path: 'graphql', method: RequestMethod.ALL });
  }
}
