import type { TableOwnership } from '@rtd/kernel';

/** No table of its own: it reads audit's `audit_log` (shared with it in libs/audit/src/tables.ts). */
export const AUDIT_LOG_TABLES: TableOwnership = { library: 'audit-log', owns: [] };
