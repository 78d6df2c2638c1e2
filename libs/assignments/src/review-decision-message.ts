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

/** A report sent to the office (issue 22): its reviewers are told, each as they prefer. */
export type SubmissionMessage = {
  kind: 'submitted';
  assignmentId: string;
  version: number;
  consortiumId: string;
};

/** The office's reminder ("Sollecita") on an assignment, at most one a day (`day`, Rome). */
export type ReminderMessage = {
  kind: 'reminder';
  assignmentId: string;
  /** A Sollecita of a whole comune (the Cruscotto's laggards): every activity reminded, in one mail. */
  assignmentIds?: string[];
  day: string;
  consortiumId: string;
};

/** Every message about one assignment that the workflow puts in the outbox for the mailer. */
export type AssignmentNoticeMessage = ReviewDecisionMessage | SubmissionMessage | ReminderMessage;
