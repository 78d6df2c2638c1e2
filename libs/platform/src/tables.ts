import type { TableOwnership } from '@rtd/kernel';

/** The platform (process wiring, health, logging) owns no table. */
export const PLATFORM_TABLES: TableOwnership = { library: 'platform', owns: [] };
