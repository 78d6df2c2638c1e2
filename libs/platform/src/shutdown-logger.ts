import { Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';

/**
 * Says in the log that a stop was orderly: by the time this runs, Nest has stopped taking
 * requests or jobs and closed the modules (database pool, queues) before it.
 */
@Injectable()
export class ShutdownLogger implements OnApplicationShutdown {
  private readonly logger = new Logger('Shutdown');

  onApplicationShutdown(signal?: string): void {
    this.logger.log(`Arresto ordinato completato${signal ? ` (${signal})` : ''}`);
  }
}

/** ShutdownLogger as a module, for applications that import modules only (the worker). */
@Module({ providers: [ShutdownLogger] })
export class ShutdownLoggerModule {}
