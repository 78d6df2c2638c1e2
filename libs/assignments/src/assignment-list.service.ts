import { Injectable } from '@nestjs/common';
import { callerAccess } from '@rtd/authz';
import {
  decodeCursor,
  Page,
  PageArgs,
  pageSize,
  parseId,
  prefetch,
  RequestContext,
  rowsByIdLoader,
  toPage,
} from '@rtd/kernel';
import { ObjectivesService, SharedObjectiveObject } from '@rtd/objectives';
import { assignmentEvidenceLoader } from './assignment-relations.service';
import { AssignmentsRepository } from './assignments.repository';
import { toAssignmentObject } from './assignments.service';
import { AssignmentFilter, AssignmentObject, EvidenceObject } from './dto/assignment.types';

/** The request's loader of assignment rows by id (the list primes it with each page's rows). */
export function assignmentLoader(repository: AssignmentsRepository, ctx: RequestContext) {
  return rowsByIdLoader(ctx, 'assignments.assignment', (db, ids) => repository.byIds(db, ids));
}

/**
 * The caller's assignments, a page at a time (the worklist, the review queue, the Cruscotto's
 * lists): one statement brings the rows with their objective, lines and evidence, and primes the
 * request's loaders so that those fields cost no further round trip.
 */
@Injectable()
export class AssignmentListService {
  constructor(
    private readonly repository: AssignmentsRepository,
    private readonly objectives: ObjectivesService,
  ) {}

  /** `countTotal: false` leaves totalCount at 0 (a document that does not ask for it). */
  async list(
    ctx: RequestContext,
    filter: AssignmentFilter,
    args: PageArgs,
    options: { countTotal: boolean } = { countTotal: true },
  ): Promise<Page<AssignmentObject>> {
    const size = pageSize(args.first);
    const cursor = decodeCursor(args.after, ['date', 'uuid']);
    const { scope } = await callerAccess(ctx);
    const { rows, total } = await this.repository.page(await ctx.db(), {
      consortiumId: filter.consortiumId ? parseId('filter.consortiumId', filter.consortiumId) : null,
      comuneId: filter.comuneId ? parseId('filter.comuneId', filter.comuneId) : null,
      objectiveId: filter.objectiveId ? parseId('filter.objectiveId', filter.objectiveId) : null,
      statuses: filter.status?.length ? filter.status : null,
      overdue: filter.overdue ?? null,
      fullConsortia: [...scope.fullConsortia],
      comuni: [...scope.readableComuni],
      delegateComuni: [...scope.delegateComuni],
      personId: scope.personId,
      limit: size + 1,
      after: cursor ? { due: cursor[0] as string, id: cursor[1] as string } : null,
      countTotal: options.countTotal,
    });
    // The statement brought each row's objective, lines and evidence: the fields below read them
    // from the request's loaders, with no further round trip.
    const visible = rows.slice(0, size);
    const seen = new Set<string>();
    this.objectives.remember(
      ctx,
      visible.flatMap(({ objective, reach, lines }) => {
        if (!objective || seen.has(objective.id)) return [];
        seen.add(objective.id);
        return [{ objective, reach, lines }];
      }),
    );
    const rowLoader = assignmentLoader(this.repository, ctx);
    const evidenceLoader = assignmentEvidenceLoader(this.repository, ctx);
    for (const { objective: _o, reach: _r, lines: _l, evidence, ...row } of visible) {
      rowLoader.prime(row.id, row);
      evidenceLoader.prime(row.id, evidence as EvidenceObject[]);
    }
    // And the rows answer `objective` (authorized once per objective, as its resolver would) and
    // `evidence` themselves, without a field resolver per row (libs/kernel prefetched.ts).
    const objectives = new Map<string, Promise<SharedObjectiveObject>>();
    const objectiveOf = (id: string) => {
      let objective = objectives.get(id);
      if (!objective) objectives.set(id, (objective = this.objectives.getWithLines(ctx, id)));
      return objective;
    };
    return toPage(
      rows,
      size,
      total,
      (row) => [row.dueDate ?? 'infinity', row.id],
      ({ objective: _o, reach: _r, lines: _l, evidence, ...row }) =>
        prefetch(toAssignmentObject(row), {
          objective: () => objectiveOf(row.objectiveId),
          evidence: () => evidence as EvidenceObject[],
        }),
    );
  }
}
