import type { TableOwnership } from '@rtd/kernel';

/** The tables of objectives: shared objectives, their plan lines, and each publication's run. */
export const OBJECTIVES_TABLES: TableOwnership = {
  library: 'objectives',
  owns: ['shared_objective', 'shared_objective_line', 'push_run'],
  sharedWith: {
    // An assignment's due date falls back to its objective's; assignment rows carry its state.
    shared_objective: ['assignments', 'demo'],
    // The catalog importer refuses to drop a line an objective still uses (catalog sits below
    // objectives: no import).
    shared_objective_line: ['catalog'],
  },
};
