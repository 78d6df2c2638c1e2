/** The queue of e-mails: review decisions at once, deadline digests every morning. */
export const NOTIFICATIONS_QUEUE = 'notifications';

/**
 * A notification job's payload: a decision on a report (put in the outbox by the assignments
 * workflow, in the transaction of the decision), or the morning digests (scheduled).
 */
export type NotificationJob =
  | { kind: 'review-decision'; assignmentId: string; version: number; consortiumId: string }
  | { kind: 'daily-digests'; day?: string };
