import { DynamicModule, Module } from '@nestjs/common';
import { OUTBOX_FAIR_TOPICS, OUTBOX_TOPICS, OutboxRelay } from './outbox-relay';

/**
 * The worker's outbox relay, delivering the given topics: each is a queue name that a domain
 * declares and its jobs module registers (the relay finds the queue by name at start). The jobs
 * of the `fair` topics take turns by consortium (FairPriorities) instead of arriving in order.
 */
@Module({})
export class OutboxRelayModule {
  static register(topics: readonly string[], options: { fair?: readonly string[] } = {}): DynamicModule {
    return {
      module: OutboxRelayModule,
      providers: [
        OutboxRelay,
        { provide: OUTBOX_TOPICS, useValue: topics },
        { provide: OUTBOX_FAIR_TOPICS, useValue: options.fair ?? [] },
      ],
    };
  }
}
