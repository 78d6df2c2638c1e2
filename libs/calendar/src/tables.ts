import type { TableOwnership } from '@rtd/kernel';

/** Each person's private calendar feed: the hash of its secret URL (docs/calendar.md). */
export const CALENDAR_TABLES: TableOwnership = {
  library: 'calendar',
  owns: ['calendar_feed'],
};
