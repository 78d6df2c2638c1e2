/** Every BullMQ queue of the product, in one place (producers and the worker agree on names). */
export enum QueueName {
  Heartbeat = 'heartbeat',
  /** Fan-out of a published objective to its targeted municipalities (payload: PushRunJob). */
  PushRuns = 'push-runs',
}

export interface PushRunJob {
  pushRunId: string;
  objectiveId: string;
  consortiumId: string;
}
