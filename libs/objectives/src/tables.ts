import type { TableOwnership } from '@rtd/kernel';

/** The tables of objectives: shared objectives, their plan lines, and each publication's run. */
export const OBJECTIVES_TABLES: TableOwnership = {
  library: 'objectives',
  owns: ['shared_objective', 'shared_objective_line', 'push_run'],
  // The catalogue importer (catalog sits below objectives: no import) refuses to drop a line an
  // objective still uses (migrations/1764000014700-plan-line-in-use.ts).
  views: ['plan_line_in_use'],
  sharedWith: {
    // An assignment's due date falls back to its objective's; assignment rows carry its state.
    shared_objective: ['assignments', 'demo'],
    // The worklist reads its rows with their objective's lines in one statement
    // (AssignmentsRepository.page), and primes ObjectivesService's loaders with them.
    shared_objective_line: ['assignments'],
  },
};
