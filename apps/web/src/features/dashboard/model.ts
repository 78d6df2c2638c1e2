import type { AssignmentStatus } from '../../gql/graphql';

export const percent = (rate: number) => `${Math.round(rate * 1000) / 10}%`.replace('.', ',');

/**
 * What a heatmap cell shows for each status: a sign, never letters (a reader took "NA" for "not
 * available"); the legend says each in words, and every cell carries its status in words for
 * screen readers and in its tooltip.
 */
export const STATUS_SIGN: Record<AssignmentStatus, string> = {
  NOT_STARTED: '○',
  IN_PROGRESS: '◐',
  SUBMITTED: '✉',
  COMPLETED: '✓',
  REJECTED: '✗',
  NOT_APPLICABLE: '–',
};

/** The objectives per printed heatmap table: an A4 landscape page holds about this many columns. */
export const PRINT_COLUMNS = 12;

export function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
