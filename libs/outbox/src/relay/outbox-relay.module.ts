import { DynamicModule, Module } from '@nestjs/common';
import { OUTBOX_TOPICS, OutboxRelay } from './outbox-relay';

/**
 * The worker's outbox relay, delivering the given topics: each is a queue name that a domain
 * declares and its jobs module registers (the relay finds the queue by name at start).
 */
@Module({})
export class OutboxRelayModule {
  static register(topics: readonly string[]): DynamicModule {
    return {
      module: OutboxRelayModule,
      providers: [OutboxRelay, { provide: OUTBOX_TOPICS, useValue: topics }],
    };
  }
}
