import type { TableOwnership } from '@rtd/kernel';

/** Background work written with the state change that causes it, relayed to the queues. */
export const OUTBOX_TABLES: TableOwnership = { library: 'outbox', owns: ['outbox'] };
