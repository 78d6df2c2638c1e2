import type { TableOwnership } from '@rtd/kernel';

/** PNRR funding (issue 15): measures, calls, applications and amounts per municipality. */
export const PNRR_TABLES: TableOwnership = {
  library: 'pnrr',
  owns: ['pnrr_measure', 'pnrr_measure_line', 'pnrr_call', 'pnrr_application', 'pnrr_comune_amount'],
};
