import type { TableOwnership } from '@rtd/kernel';

/**
 * The files people asked for. The data in them comes from the other domains' services and
 * query functions (export-data.ts), never from their tables.
 */
export const EXPORTS_TABLES: TableOwnership = {
  library: 'exports',
  owns: ['export_job', 'consortium_report_schedule', 'scheda_narrative'],
};
