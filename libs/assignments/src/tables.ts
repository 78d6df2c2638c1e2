import type { TableOwnership } from '@rtd/kernel';

/** The tables of assignments: one row per (objective, municipality), its history and evidence (files' bytes in evidence_file). */
export const ASSIGNMENTS_TABLES: TableOwnership = {
  library: 'assignments',
  owns: ['assignment', 'status_event', 'evidence', 'evidence_file'],
  sharedWith: {
    // Objectives (below assignments: no import) show a referent only objectives assigned to
    // them, and count assignments per objective.
    assignment: ['objectives'],
  },
};
