import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobInstrumentation } from './job-instrumentation';
import { METRICS_SERVICE, MetricsServer, MetricsService } from './metrics-server';

/**
 * The Prometheus endpoint of the API or of the worker (MetricsServer); the worker's also times
 * its jobs and reads its queues' depth (JobInstrumentation).
 */
@Module({})
export class MetricsModule {
  static forService(service: MetricsService): DynamicModule {
    return {
      module: MetricsModule,
      imports: service === 'worker' ? [DiscoveryModule] : [],
      providers: [
        { provide: METRICS_SERVICE, useValue: service },
        MetricsServer,
        ...(service === 'worker' ? [JobInstrumentation] : []),
      ],
      exports: [MetricsServer],
    };
  }
}
