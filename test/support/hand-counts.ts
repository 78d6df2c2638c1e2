/** One compliance bucket's counts, as complianceSummary answers them. */
export type Counts = Record<
  | 'total'
  | 'notStarted'
  | 'inProgress'
  | 'submitted'
  | 'completed'
  | 'rejected'
  | 'notApplicable'
  | 'overdue',
  number
>;

/** The count field of each assignment status. */
export const STATUS_FIELDS: Record<string, keyof Counts> = {
  NOT_STARTED: 'notStarted',
  IN_PROGRESS: 'inProgress',
  SUBMITTED: 'submitted',
  COMPLETED: 'completed',
  REJECTED: 'rejected',
  NOT_APPLICABLE: 'notApplicable',
};

export const noCounts = (): Counts => ({
  total: 0,
  notStarted: 0,
  inProgress: 0,
  submitted: 0,
  completed: 0,
  rejected: 0,
  notApplicable: 0,
  overdue: 0,
});

/**
 * Counts assignments by hand, as the tests check complianceSummary: each row adds to the buckets
 * `keysOf` names for it (an assignment counts once in each of its lines, say).
 */
export function countByHand<T extends { status: string; overdue: boolean }>(
  rows: readonly T[],
  keysOf: (row: T) => readonly string[],
): Map<string, Counts> {
  const buckets = new Map<string, Counts>();
  for (const row of rows) {
    for (const key of keysOf(row)) {
      const bucket = buckets.get(key) ?? noCounts();
      bucket.total++;
      bucket[STATUS_FIELDS[row.status]]++;
      if (row.overdue) bucket.overdue++;
      buckets.set(key, bucket);
    }
  }
  return buckets;
}
