import type { TableOwnership } from '@rtd/kernel';

/** The audit log: one row per action, written by AuditTrail in the action's transaction. */
export const AUDIT_TABLES: TableOwnership = { library: 'audit', owns: ['audit_log'] };
