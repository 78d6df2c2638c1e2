/** Every BullMQ queue of the product, in one place (producers and the worker agree on names). */
export enum QueueName {
  Heartbeat = 'heartbeat',
  /** Fan-out of a published objective to its targeted municipalities (payload: PushRunJob). */
  PushRuns = 'push-runs',
  /** E-mails: review decisions at once, deadline digests every morning (payload: NotificationJob). */
  Notifications = 'notifications',
  /** The nightly compliance snapshot behind the trends (payload: { day?: string }). */
  Compliance = 'compliance',
}

export type NotificationJob =
  | { kind: 'review-decision'; assignmentId: string; version: number; consortiumId: string }
  | { kind: 'daily-digests'; day?: string };

export interface PushRunJob {
  pushRunId: string;
  objectiveId: string;
  consortiumId: string;
}
