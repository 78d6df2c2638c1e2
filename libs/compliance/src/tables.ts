import type { TableOwnership } from '@rtd/kernel';

/**
 * The compliance read model: its daily snapshots and the per-consortium versions that key its
 * cache. compliance-read-model.repository.ts reads the tables it summarises; the versions are
 * bumped by triggers on those tables (migrations/1764000005000-compliance-versions.ts and
 * migrations/1764000011000-compliance-label-versions.ts). The rollup (compliance_objective_count,
 * compliance_comune_count) is written only by triggers on assignment, shared_objective and comune, in
 * the transaction of the change (migrations/1764000020000-compliance-rollup.ts); the live summary
 * reads it.
 */
export const COMPLIANCE_TABLES: TableOwnership = {
  library: 'compliance',
  owns: [
    'compliance_snapshot',
    'compliance_version',
    'compliance_objective_count',
    'compliance_comune_count',
  ],
  readModels: {
    'compliance-read-model.repository': [
      'assignment',
      'status_event',
      'shared_objective',
      'shared_objective_line',
      'plan_line',
      'plan_chapter',
      'comune',
      'consortium',
    ],
    // The Cruscotto's matrix, deadlines and criticità (dashboard/).
    'dashboard-read-model.repository': [
      'assignment',
      'shared_objective',
      'shared_objective_line',
      'plan_line',
      'comune',
      'consortium_member',
    ],
  },
};
