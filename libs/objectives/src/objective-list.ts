import { callerAccess } from '@rtd/authz';
import { decodeCursor, Page, PageArgs, pageSize, parseId, RequestContext, toPage } from '@rtd/kernel';
import { ObjectiveState, SharedObjectiveObject } from './dto/objective.types';
import { toObjectiveObject } from './objective-mapping';
import { ObjectivesRepository } from './objectives.repository';

/** A page of a consortium's objectives the caller reads: the office all, a comune those it was given. */
export async function objectivePage(
  repository: ObjectivesRepository,
  ctx: RequestContext,
  consortiumId: string,
  state: ObjectiveState | null,
  args: PageArgs,
): Promise<Page<SharedObjectiveObject>> {
  const id = parseId('consortiumId', consortiumId);
  const size = pageSize(args.first);
  const cursor = decodeCursor(args.after, ['timestamp', 'uuid']);
  const { scope } = await callerAccess(ctx);
  const whole = scope.fullConsortia.has(id);
  if (!whole && scope.readableComuni.size === 0 && scope.delegateComuni.size === 0) {
    return toPage([], size, 0, () => [], toObjectiveObject);
  }
  const { rows, total } = await repository.page(await ctx.db(), {
    consortiumId: id,
    state,
    whole,
    comuneIds: [...scope.readableComuni],
    delegateComuneIds: [...scope.delegateComuni],
    personId: scope.personId,
    limit: size + 1,
    after: cursor ? { createdAt: cursor[0] as string, id: cursor[1] as string } : null,
  });
  return toPage(rows, size, total, (row) => [row.createdAt.toISOString(), row.id], toObjectiveObject);
}
