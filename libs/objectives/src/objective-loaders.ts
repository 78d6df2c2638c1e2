import { callerAccess } from '@rtd/authz';
import { LineRow, linesByIds } from '@rtd/catalog';
import { indexBy, RequestContext, requestLoader, rowsByIdLoader } from '@rtd/kernel';
import { ObjectiveReach, ObjectiveRow, ObjectivesRepository } from './objectives.repository';

/** The objectives' request loaders: rows by id, reach among the caller's comuni, line ids, lines. */

export function objectiveLoader(repository: ObjectivesRepository, ctx: RequestContext) {
  return rowsByIdLoader(ctx, 'objectives.objective', (db, ids) => repository.byIds(db, ids));
}

/** Reach among all the caller's municipalities (readable and delegated): the same for the whole request. */
export function reachLoader(repository: ObjectivesRepository, ctx: RequestContext) {
  return requestLoader(
    ctx,
    'objectives.reach',
    async (db, ids: readonly string[]) => {
      const { scope } = await callerAccess(ctx);
      return repository.reachOf(db, ids, [...scope.readableComuni, ...scope.delegateComuni]);
    },
    { comuneIds: [], delegatePersonIds: [] } as ObjectiveReach,
  );
}

export function lineIdsLoader(repository: ObjectivesRepository, ctx: RequestContext) {
  return requestLoader(
    ctx,
    'objectives.lineIds',
    (db, ids: readonly string[]) => repository.lineIdsOf(db, ids),
    [] as string[],
  );
}

export function lineLoader(ctx: RequestContext) {
  return requestLoader(
    ctx,
    'objectives.line',
    async (db, ids: readonly string[]) => indexBy(await linesByIds(db, ids), (l) => l.id),
    null as LineRow | null,
  );
}

/** Primes the request's loaders with objectives read by another statement (the worklist's). */
export function primeObjectives(
  repository: ObjectivesRepository,
  ctx: RequestContext,
  objectives: readonly { objective: ObjectiveRow; reach: ObjectiveReach; lines: readonly LineRow[] }[],
): void {
  const rows = objectiveLoader(repository, ctx);
  const reach = reachLoader(repository, ctx);
  const lineIds = lineIdsLoader(repository, ctx);
  const lines = lineLoader(ctx);
  for (const { objective, reach: objectiveReach, lines: objectiveLines } of objectives) {
    rows.prime(objective.id, objective);
    reach.prime(objective.id, objectiveReach);
    lineIds.prime(
      objective.id,
      objectiveLines.map((line) => line.id),
    );
    for (const line of objectiveLines) lines.prime(line.id, line);
  }
}

/** Per-objective counts (targeted comuni, assignments made), batched per request. */
export function countLoader(
  repository: ObjectivesRepository,
  ctx: RequestContext,
  counts: 'targetedCounts' | 'assignmentCounts',
) {
  return requestLoader(
    ctx,
    `objectives.${counts}`,
    (db, ids: readonly string[]) => repository[counts](db, ids),
    0,
  );
}
