import { QUEUES } from '@rtd/kernel';
/**
 * What the workflow puts in the outbox with every decision on a report, in the decision's
 * transaction: the notifications domain mails it (its `NotificationJob` includes this message).
 * The assignments domain owns the message, so that the mailer depends on the workflow and never
 * the reverse. The topic is the notifications queue's name: the outbox relay delivers each topic
 * to the queue of the same name.
 */
export const REVIEW_DECISION_TOPIC = QUEUES.notifications;

export type ReviewDecisionMessage = {
  kind: 'review-decision';
  assignmentId: string;
  version: number;
  consortiumId: string;
};
