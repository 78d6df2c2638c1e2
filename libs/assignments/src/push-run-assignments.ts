import { Injectable } from '@nestjs/common';
import { authorize, callerAccess } from '@rtd/authz';
import { actorSubject, masculine, RequestContext } from '@rtd/kernel';
import { PushRunAssignments, PushRunJob } from '@rtd/objectives';
import { AssignmentsRepository } from './assignments.repository';

/**
 * What the fan-out of a published objective needs of the assignments domain (the port
 * PushRunAssignments of libs/objectives, wired in by the worker): creating and counting a push
 * run's assignments, with the rights of who may publish the objective.
 */
@Injectable()
export class PushRunAssignmentsService implements PushRunAssignments {
  constructor(private readonly repository: AssignmentsRepository) {}

  /**
   * The assignments of a push run (the fan-out, libs/objectives/src/jobs/fan-out.ts): one per
   * municipality of `comuneIds` not yet assigned the objective, each with its first history
   * entry, in the caller's transaction. Who may publish the objective may create them; the fan-out
   * job acts with the rights of the objective's consortium office (JobContext).
   */
  async assignForPushRun(
    ctx: RequestContext,
    run: PushRunJob,
    comuneIds: readonly string[],
  ): Promise<number> {
    const { ability } = await callerAccess(ctx);
    authorize(
      ability,
      'publish',
      'SharedObjective',
      { consortiumId: run.consortiumId, assignedComuneIds: [], delegatePersonIds: [] },
      masculine('Obiettivo'),
    );
    if (comuneIds.length === 0) return 0;
    return this.repository.insertForPushRun(await ctx.db(), run, comuneIds, actorSubject(ctx.actor));
  }

  /** How many assignments a push run has created so far (recounted from the rows). */
  async countForPushRun(ctx: RequestContext, run: PushRunJob): Promise<number> {
    const { ability } = await callerAccess(ctx);
    authorize(
      ability,
      'publish',
      'SharedObjective',
      { consortiumId: run.consortiumId, assignedComuneIds: [], delegatePersonIds: [] },
      masculine('Obiettivo'),
    );
    return this.repository.countForPushRun(await ctx.db(), run.pushRunId);
  }
}
