import { AssignmentNoticeMessage, REVIEW_DECISION_TOPIC } from '@rtd/assignments';
import type { ObjectiveNoticeMessage } from '@rtd/objectives';

/** The queue of e-mails: notices at once (the workflow's topic), deadline digests every morning. */
export const NOTIFICATIONS_QUEUE = REVIEW_DECISION_TOPIC;

/**
 * A notification job's payload: a notice put in the outbox by the assignments workflow (a
 * decision, a submission, a reminder) or by the objectives domain (a publish's fan-out done, a due
 * date changed, an objective closed), in the transaction of the fact; or the morning digests
 * (scheduled).
 */
export type NotificationJob =
  AssignmentNoticeMessage | ObjectiveNoticeMessage | { kind: 'daily-digests'; day?: string };
