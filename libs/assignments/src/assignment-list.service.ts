import { Injectable } from '@nestjs/common';
import { callerAccess } from '@rtd/authz';
import {
  decodeCursor,
  Page,
  PageArgs,
  pageSize,
  parseId,
  prefetch,
  PrefetchedFields,
  RequestContext,
  rowsByIdLoader,
  toPage,
} from '@rtd/kernel';
import type { LineRow } from '@rtd/catalog';
import {
  listedObjective,
  ObjectiveReach,
  ObjectiveRow,
  ObjectivesService,
  SharedObjectiveObject,
} from '@rtd/objectives';
import { assignmentEvidenceLoader } from './assignment-relations.service';
import { AssignmentsRepository, WorklistRow } from './assignments.repository';
import { WHOLE_WORKLIST, WorklistSelection } from './worklist-statement';
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

  /**
   * `countTotal: false` leaves totalCount at 0 (a document that does not ask for it); `select`:
   * what of the rows' relations the document asks for (the statement builds only that).
   */
  async list(
    ctx: RequestContext,
    filter: AssignmentFilter,
    args: PageArgs,
    options: { countTotal: boolean; select?: WorklistSelection } = { countTotal: true },
  ): Promise<Page<AssignmentObject>> {
    const size = pageSize(args.first);
    const cursor = decodeCursor(args.after, ['date', 'uuid']);
    const select = options.select ?? WHOLE_WORKLIST;
    const access = await callerAccess(ctx);
    const { scope } = access;
    const { rows, total } = await this.repository.page(
      await ctx.db(),
      {
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
      },
      select,
    );
    const visible = rows.slice(0, size);
    // Complete rows (every column of the objectives and their lines) prime the request's loaders,
    // for any other field of the document that reads the same objectives; short rows must not.
    if (select.full && select.objective && select.lines) {
      const seen = new Set<string>();
      this.objectives.remember(
        ctx,
        visible.flatMap(({ objective, reach, lines }) => {
          if (!objective || seen.has(objective.id)) return [];
          seen.add(objective.id);
          return [{ objective: objective as ObjectiveRow, reach, lines: lines as LineRow[] }];
        }),
      );
    }
    const rowLoader = assignmentLoader(this.repository, ctx);
    const evidenceLoader = assignmentEvidenceLoader(this.repository, ctx);
    for (const { objective: _o, reach: _r, lines: _l, evidence, ...row } of visible) {
      rowLoader.prime(row.id, row);
      if (select.evidence) evidenceLoader.prime(row.id, evidence as EvidenceObject[]);
    }
    // The rows answer `objective` (authorized once per objective, as its resolver would, on the
    // reach the statement read) and `evidence` themselves, without a field resolver per row
    // (libs/kernel prefetched.ts). What the statement did not read resolves as usual.
    // A short selection reads no reach: the row's own assignment is the part of it that decides
    // (the caller reads the row through its municipality, its delegation or its consortium, and
    // the ability reads the objective on the same grounds).
    const callerComuni = new Set([...scope.readableComuni, ...scope.delegateComuni]);
    const reachOf = (row: WorklistRow): ObjectiveReach =>
      select.full
        ? row.reach
        : callerComuni.has(row.comuneId)
          ? {
              comuneIds: [row.comuneId],
              delegatePersonIds: row.delegatePersonId ? [row.delegatePersonId] : [],
            }
          : { comuneIds: [], delegatePersonIds: [] };
    const objectives = new Map<string, () => SharedObjectiveObject | Promise<SharedObjectiveObject>>();
    const objectiveOf = (row: WorklistRow) => {
      let answer = objectives.get(row.objectiveId);
      if (!answer) {
        answer = answerOnce(() =>
          row.objective
            ? listedObjective(
                access,
                row.objective,
                reachOf(row),
                select.lines ? row.lines : null,
                select.full,
              )
            : this.objectives.getWithLines(ctx, row.objectiveId),
        );
        objectives.set(row.objectiveId, answer);
      }
      return answer;
    };
    return toPage(
      rows,
      size,
      total,
      (row) => [row.dueDate ?? 'infinity', row.id],
      (listed) => {
        const { objective: _o, reach: _r, lines: _l, evidence, ...row } = listed;
        const fields: PrefetchedFields = {};
        if (select.objective) fields.objective = objectiveOf(listed);
        if (select.evidence) fields.evidence = () => evidence as EvidenceObject[];
        return prefetch(toAssignmentObject(row), fields);
      },
    );
  }
}

/** `make`'s result (or its error) on every call: one answer, one authorization, per objective. */
function answerOnce<T>(make: () => T): () => T {
  let done: { value: T } | { error: unknown } | undefined;
  return () => {
    if (!done) {
      try {
        done = { value: make() };
      } catch (error) {
        done = { error };
      }
    }
    if ('error' in done) throw done.error;
    return done.value;
  };
}
