import { RequestContext, QUEUES } from '@rtd/kernel';

/** The queue of push runs: the fan-out of a published objective to its targeted municipalities. */
export const PUSH_RUNS_QUEUE = QUEUES.pushRuns;

/** A push run job's payload, put in the outbox by ObjectivesService.publish with the run itself. */
export interface PushRunJob {
  pushRunId: string;
  objectiveId: string;
  consortiumId: string;
}

/** The outbox key (and job id) of a push run: one run never makes two jobs. */
export function pushRunOutboxKey(pushRunId: string): string {
  return `push-run:${pushRunId}`;
}

/**
 * What the fan-out needs of the assignments domain, which owns the assignment and status_event
 * tables. Declared here and implemented by PushRunAssignmentsService (libs/assignments), which imports
 * objectives: the port keeps the dependency one way. Both run in the caller's transaction.
 */
export interface PushRunAssignments {
  /** Assigns the objective to each of `comuneIds` not yet assigned it; returns how many it created. */
  assignForPushRun(ctx: RequestContext, run: PushRunJob, comuneIds: readonly string[]): Promise<number>;
  /** How many assignments the run has created so far. */
  countForPushRun(ctx: RequestContext, run: PushRunJob): Promise<number>;
}

/** The injection token of the PushRunAssignments the worker wires in (PushRunJobsModule.register). */
export const PUSH_RUN_ASSIGNMENTS = Symbol('PUSH_RUN_ASSIGNMENTS');
