import type { TableOwnership } from '@rtd/kernel';

/**
 * Privacy owns no table: a data request reads and pseudonymises each person's rows through the
 * functions their owners export (personal-data.ts of identity, assignments, audit, objectives,
 * exports, notifications, outbox, tenancy), and retention deletes through theirs.
 */
export const PRIVACY_TABLES: TableOwnership = { library: 'privacy', owns: [] };
