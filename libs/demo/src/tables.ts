import type { TableOwnership } from '@rtd/kernel';

/**
 * The demo owns no table: it seeds the others' (see the exception in test/static/table-ownership.static-spec.ts).
 */
export const DEMO_TABLES: TableOwnership = { library: 'demo', owns: [] };
