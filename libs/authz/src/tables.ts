import type { TableOwnership } from '@rtd/kernel';

/** Authorization decides from the caller's memberships, which identity reads: it owns no table. */
export const AUTHZ_TABLES: TableOwnership = { library: 'authz', owns: [] };
