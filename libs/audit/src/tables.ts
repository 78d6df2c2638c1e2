import type { TableOwnership } from '@rtd/kernel';

/**
 * The audit log: one row per action, written by AuditTrail in the action's transaction, read by
 * libs/audit-log (the `auditLog` query).
 */
export const AUDIT_TABLES: TableOwnership = {
  library: 'audit',
  owns: ['audit_log'],
  sharedWith: { audit_log: ['audit-log'] },
};
