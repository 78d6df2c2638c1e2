import { Injectable } from '@nestjs/common';
import { groupBy, indexBy, RequestContext, requestLoader } from '@rtd/kernel';
import { personDisplayNames } from '@rtd/identity';
import { TenancyService } from '@rtd/tenancy';
import { AssignmentsRepository } from './assignments.repository';
import { AssignmentObject, EvidenceObject, PersonObject, StatusEventObject } from './dto/assignment.types';

/**
 * An assignment's relations, batched per request (one statement for every row of a page): its
 * evidence (current or removed), its history, the people named in them, its comune.
 */
@Injectable()
export class AssignmentRelations {
  constructor(
    private readonly repository: AssignmentsRepository,
    private readonly tenancy: TenancyService,
  ) {}

  /** The current evidence of an assignment, or (`removed`) what was removed, with who removed it. */
  evidence(ctx: RequestContext, assignmentId: string, removed = false): Promise<EvidenceObject[]> {
    return assignmentEvidenceLoader(this.repository, ctx, removed).load(assignmentId);
  }

  /** Forgets the evidence this request cached for an assignment (after a removal or replacement). */
  forgetEvidence(ctx: RequestContext, assignmentId: string): void {
    assignmentEvidenceLoader(this.repository, ctx, false).clear(assignmentId);
    assignmentEvidenceLoader(this.repository, ctx, true).clear(assignmentId);
  }

  history(ctx: RequestContext, assignmentId: string): Promise<StatusEventObject[]> {
    return requestLoader(
      ctx,
      'assignments.history',
      async (db, ids: readonly string[]) =>
        groupBy(
          (await this.repository.historyOf(db, ids)) as (StatusEventObject & { assignmentId: string })[],
          (row) => row.assignmentId,
        ),
      [] as StatusEventObject[],
    ).load(assignmentId);
  }

  /** People appear in histories; a caller who cannot see assignments never reaches them. */
  person(ctx: RequestContext, personId: string | null): Promise<PersonObject | null> | null {
    if (!personId) return null;
    return requestLoader(
      ctx,
      'assignments.person',
      async (db, ids: readonly string[]) =>
        indexBy(await personDisplayNames(db, ids), (p: PersonObject) => p.id),
      null as PersonObject | null,
    ).load(personId);
  }

  comuneOf(ctx: RequestContext, assignment: AssignmentObject) {
    return this.tenancy.getComune(ctx, assignment.comuneId);
  }
}

/** The request's loader of evidence by assignment (the worklist primes it with its rows). */
export function assignmentEvidenceLoader(
  repository: AssignmentsRepository,
  ctx: RequestContext,
  removed = false,
) {
  return requestLoader(
    ctx,
    removed ? 'assignments.removedEvidence' : 'assignments.evidence',
    async (db, ids: readonly string[]) =>
      groupBy(
        (await repository.evidenceOf(db, ids, removed)) as (EvidenceObject & {
          assignmentId: string;
        })[],
        (row) => row.assignmentId,
      ),
    [] as EvidenceObject[],
  );
}
