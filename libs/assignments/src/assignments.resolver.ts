import { AssignmentListService } from './assignment-list.service';
import { AssignmentRelations } from './assignment-relations.service';
import { Args, ID, Info, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { Ctx, Page, RequestContext, selectedFields, selectsField } from '@rtd/kernel';
import { ObjectivesService, SharedObjectiveObject } from '@rtd/objectives';
import { ComuneObject } from '@rtd/tenancy';
import { AssignmentsService } from './assignments.service';
import { EvidenceService } from './evidence.service';
import { LINE_SHORT_FIELDS, OBJECTIVE_SHORT_FIELDS, WorklistSelection } from './worklist-statement';
import {
  AssignmentActionEnum,
  AssignmentConnection,
  AssignmentFilter,
  AssignmentObject,
  EvidenceKind,
  EvidenceObject,
  PersonObject,
  ReviewDecision,
  StatusEventObject,
  UpdateAssignmentInput,
} from './dto/assignment.types';

@Resolver(() => AssignmentObject)
export class AssignmentResolver {
  constructor(
    private readonly workflow: AssignmentsService,
    private readonly pages: AssignmentListService,
    private readonly relations: AssignmentRelations,
    private readonly objectives: ObjectivesService,
    private readonly evidenceService: EvidenceService,
  ) {}

  @Query(() => AssignmentConnection)
  assignments(
    @Ctx() ctx: RequestContext,
    @Args('filter', { type: () => AssignmentFilter }) filter: AssignmentFilter,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Page<AssignmentObject>> {
    // The total costs a count of the whole filter: only when the document asks for it; and the
    // statement builds only the relations (and the fields of objectives and lines) it asks for.
    return this.pages.list(
      ctx,
      filter,
      { first, after },
      { countTotal: selectsField(info, 'totalCount'), select: worklistSelection(info) },
    );
  }

  @Query(() => AssignmentObject, { nullable: true })
  assignment(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string) {
    return this.workflow.get(ctx, id);
  }

  @Mutation(() => AssignmentObject)
  updateAssignment(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('input', { type: () => UpdateAssignmentInput }) input: UpdateAssignmentInput,
  ) {
    return this.workflow.update(ctx, id, expectedVersion, input);
  }

  @Mutation(() => AssignmentObject)
  submitAssignment(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('note', { type: () => String, nullable: true }) note: string | null,
    @Args('progress', {
      type: () => Int,
      nullable: true,
      description: 'the progress sent with the report (0-100); omitted, the saved one is kept',
    })
    progress: number | null,
    @Args('issues', {
      type: () => String,
      nullable: true,
      description: 'the criticità sent with the report; omitted, the saved text is kept',
    })
    issues: string | null,
  ) {
    return this.workflow.submit(ctx, id, expectedVersion, note ?? null, {
      progress,
      issues: issues ?? undefined,
    });
  }

  @Mutation(() => AssignmentObject, { description: 'reason required to REJECT' })
  reviewAssignment(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('decision', { type: () => ReviewDecision }) decision: ReviewDecision,
    @Args('reason', { type: () => String, nullable: true }) reason: string | null,
  ) {
    return this.workflow.review(ctx, id, expectedVersion, decision, reason ?? null);
  }

  @Mutation(() => AssignmentObject)
  markNotApplicable(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('reason', { type: () => String }) reason: string,
  ) {
    return this.workflow.markNotApplicable(ctx, id, expectedVersion, reason);
  }

  @Mutation(() => EvidenceObject)
  addEvidence(
    @Ctx() ctx: RequestContext,
    @Args('assignmentId', { type: () => ID }) assignmentId: string,
    @Args('kind', { type: () => EvidenceKind }) kind: EvidenceKind,
    @Args('url', { type: () => String, nullable: true }) url: string | null,
    @Args('description', { type: () => String }) description: string,
  ) {
    return this.workflow.addEvidence(ctx, assignmentId, kind, url ?? null, description);
  }

  @Mutation(() => EvidenceObject, {
    description:
      'Removes a current evidence (link, note or file) while the report is open; it stays in removedEvidence, a file without its bytes',
  })
  removeEvidence(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string) {
    return this.evidenceService.remove(ctx, id);
  }

  @Mutation(() => EvidenceObject, {
    description:
      'Replaces a current evidence by a link or a note (by a file: createEvidenceUpload with replacesEvidenceId)',
  })
  replaceEvidence(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('kind', { type: () => EvidenceKind }) kind: EvidenceKind,
    @Args('url', { type: () => String, nullable: true }) url: string | null,
    @Args('description', { type: () => String }) description: string,
  ) {
    return this.evidenceService.replace(ctx, id, kind, url ?? null, description);
  }

  @Mutation(() => AssignmentObject, { description: 'null clears the delegation' })
  delegateAssignment(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('fiscalCode', { type: () => String, nullable: true }) fiscalCode: string | null,
  ) {
    return this.workflow.delegate(ctx, id, fiscalCode ?? null);
  }

  @ResolveField(() => [AssignmentActionEnum], {
    description: 'The moves the caller may make now (state machine and rights), for screens to offer',
  })
  allowedActions(@Ctx() ctx: RequestContext, @Parent() assignment: AssignmentObject) {
    return this.workflow.allowedActions(ctx, assignment);
  }

  @ResolveField(() => SharedObjectiveObject)
  objective(@Ctx() ctx: RequestContext, @Parent() assignment: AssignmentObject) {
    return this.objectives.objectiveOf(ctx, assignment.objectiveId);
  }

  @ResolveField(() => ComuneObject)
  comune(@Ctx() ctx: RequestContext, @Parent() assignment: AssignmentObject) {
    return this.relations.comuneOf(ctx, assignment);
  }

  @ResolveField(() => PersonObject, { nullable: true })
  delegate(@Ctx() ctx: RequestContext, @Parent() assignment: AssignmentObject) {
    return this.relations.person(ctx, assignment.delegatePersonId);
  }

  @ResolveField(() => [EvidenceObject])
  evidence(@Ctx() ctx: RequestContext, @Parent() assignment: AssignmentObject) {
    return this.relations.evidence(ctx, assignment.id);
  }

  @ResolveField(() => [EvidenceObject], {
    description:
      'evidence removed or replaced, with who removed it and when (a file: its facts, not its bytes)',
  })
  removedEvidence(@Ctx() ctx: RequestContext, @Parent() assignment: AssignmentObject) {
    return this.evidenceService.removedEvidence(ctx, assignment.id);
  }

  @ResolveField(() => [StatusEventObject], { description: 'oldest first, append-only' })
  history(@Ctx() ctx: RequestContext, @Parent() assignment: AssignmentObject) {
    return this.relations.history(ctx, assignment.id);
  }
}

@Resolver(() => EvidenceObject)
export class EvidenceResolver {
  constructor(private readonly assignments: AssignmentRelations) {}

  @ResolveField(() => PersonObject, { nullable: true })
  addedBy(@Ctx() ctx: RequestContext, @Parent() evidence: EvidenceObject) {
    return this.assignments.person(ctx, evidence.addedByPersonId);
  }

  @ResolveField(() => PersonObject, { nullable: true, description: 'who removed it (removedEvidence)' })
  removedBy(@Ctx() ctx: RequestContext, @Parent() evidence: EvidenceObject) {
    return this.assignments.person(ctx, evidence.removedByPersonId);
  }
}

@Resolver(() => StatusEventObject)
export class StatusEventResolver {
  constructor(private readonly assignments: AssignmentRelations) {}

  @ResolveField(() => PersonObject, { nullable: true })
  actor(@Ctx() ctx: RequestContext, @Parent() event: StatusEventObject) {
    return this.assignments.person(ctx, event.actorPersonId);
  }
}

/** What of the rows' relations an `assignments` field asks for (AssignmentsRepository.page). */
function worklistSelection(info: GraphQLResolveInfo): WorklistSelection {
  const node = selectedFields(info, ['edges', 'node']);
  const objective = selectedFields(info, ['edges', 'node', 'objective']);
  const lines = selectedFields(info, ['edges', 'node', 'objective', 'lines']);
  const short = (asked: Set<string>, fields: ReadonlySet<string>) => [...asked].every((f) => fields.has(f));
  return {
    objective: node.has('objective'),
    lines: objective.has('lines'),
    evidence: node.has('evidence'),
    full: !short(objective, OBJECTIVE_SHORT_FIELDS) || !short(lines, LINE_SHORT_FIELDS),
  };
}
