import { REVIEW_DECISION_TOPIC, ReviewDecisionMessage } from '@rtd/assignments';

/** The queue of e-mails: review decisions at once (the workflow's topic), deadline digests every morning. */
export const NOTIFICATIONS_QUEUE = REVIEW_DECISION_TOPIC;

/**
 * A notification job's payload: a decision on a report (put in the outbox by the assignments
 * workflow, in the transaction of the decision), or the morning digests (scheduled).
 */
export type NotificationJob = ReviewDecisionMessage | { kind: 'daily-digests'; day?: string };
