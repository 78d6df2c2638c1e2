import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CatalogService, PlanLineObject } from '@rtd/catalog';
import { Ctx, Page, RequestContext } from '@rtd/kernel';
import { ConsortiumObject } from '@rtd/tenancy';
import { CarryForwardService } from './carry-forward.service';
import {
  CarriedLineObject,
  CarryForwardPreviewObject,
  CreateSharedObjectiveInput,
  ObjectiveState,
  PushRunObject,
  SharedObjectiveConnection,
  SharedObjectiveObject,
  TargetInput,
  TargetPreviewObject,
  UpdateSharedObjectiveInput,
} from './dto/objective.types';
import { ObjectivesService } from './objectives.service';
import { TargetPreviewService } from './target-preview.service';

@Resolver(() => SharedObjectiveObject)
export class SharedObjectiveResolver {
  constructor(
    private readonly objectives: ObjectivesService,
    private readonly previews: TargetPreviewService,
    private readonly carry: CarryForwardService,
  ) {}

  @Query(() => SharedObjectiveConnection)
  sharedObjectives(
    @Ctx() ctx: RequestContext,
    @Args('consortiumId', { type: () => ID }) consortiumId: string,
    @Args('state', { type: () => ObjectiveState, nullable: true }) state: ObjectiveState | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<Page<SharedObjectiveObject>> {
    return this.objectives.list(ctx, consortiumId, state ?? null, { first, after });
  }

  @Query(() => SharedObjectiveObject, { nullable: true })
  sharedObjective(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string) {
    return this.objectives.get(ctx, id);
  }

  @Query(() => TargetPreviewObject, {
    description:
      "The members a target would reach now, with the lines' population thresholds (edition required with lineCodes); for who may create objectives in the consortium",
  })
  targetPreview(
    @Ctx() ctx: RequestContext,
    @Args('consortiumId', { type: () => ID }) consortiumId: string,
    @Args('target', { type: () => TargetInput }) target: TargetInput,
    @Args('lineCodes', { type: () => [String], nullable: true }) lineCodes: string[] | null,
    @Args('edition', { type: () => String, nullable: true }) edition: string | null,
  ): Promise<TargetPreviewObject> {
    return this.previews.preview(ctx, consortiumId, target, lineCodes ?? null, edition ?? null);
  }

  @Query(() => CarryForwardPreviewObject, {
    description:
      "What carrying the objective forward would do: each of its lines and its successors in toEdition (default: the current edition that supersedes the objective's)",
  })
  carryForwardPreview(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('toEdition', { type: () => String, nullable: true }) toEdition: string | null,
  ): Promise<CarryForwardPreviewObject> {
    return this.carry.preview(ctx, id, toEdition ?? null);
  }

  @Mutation(() => SharedObjectiveObject, {
    description:
      'A new DRAFT on the successor lines of the objective in toEdition (default: the current edition), linked to it (carriedFrom); the objective keeps its state and history',
  })
  carryForwardSharedObjective(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('toEdition', { type: () => String, nullable: true }) toEdition: string | null,
  ): Promise<SharedObjectiveObject> {
    return this.carry.carryForward(ctx, id, toEdition ?? null);
  }

  @Mutation(() => SharedObjectiveObject)
  createSharedObjective(
    @Ctx() ctx: RequestContext,
    @Args('input', { type: () => CreateSharedObjectiveInput }) input: CreateSharedObjectiveInput,
  ) {
    return this.objectives.create(ctx, input);
  }

  @Mutation(() => SharedObjectiveObject)
  updateSharedObjective(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('input', { type: () => UpdateSharedObjectiveInput }) input: UpdateSharedObjectiveInput,
  ) {
    return this.objectives.update(ctx, id, expectedVersion, input);
  }

  @Mutation(() => PushRunObject, {
    description: 'DRAFT -> PUBLISHED and fan-out; on a PUBLISHED objective, pushes to members targeted since',
  })
  publishSharedObjective(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string) {
    return this.objectives.publish(ctx, id);
  }

  @Mutation(() => SharedObjectiveObject)
  closeSharedObjective(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
  ) {
    return this.objectives.close(ctx, id, expectedVersion);
  }

  @Mutation(() => Boolean, {
    description:
      'Deletes a DRAFT never published (CONFLICT when published or closed, or on a stale version); true when deleted',
  })
  deleteSharedObjective(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
  ): Promise<boolean> {
    return this.objectives.delete(ctx, id, expectedVersion);
  }

  @ResolveField(() => ConsortiumObject)
  consortium(@Ctx() ctx: RequestContext, @Parent() objective: SharedObjectiveObject) {
    return this.objectives.consortiumOf(ctx, objective);
  }

  @ResolveField(() => [PlanLineObject])
  lines(@Ctx() ctx: RequestContext, @Parent() objective: SharedObjectiveObject) {
    return this.objectives.lines(ctx, objective.id);
  }

  @ResolveField(() => Int, { description: 'members the target selects now' })
  targetedCount(@Ctx() ctx: RequestContext, @Parent() objective: SharedObjectiveObject) {
    return this.objectives.targetedCount(ctx, objective.id);
  }

  @ResolveField(() => Int)
  assignmentCount(@Ctx() ctx: RequestContext, @Parent() objective: SharedObjectiveObject) {
    return this.objectives.assignmentCount(ctx, objective.id);
  }

  @ResolveField(() => SharedObjectiveObject, {
    nullable: true,
    description: 'The objective this one was carried forward from (null when the caller may not read it)',
  })
  carriedFrom(@Ctx() ctx: RequestContext, @Parent() objective: SharedObjectiveObject) {
    return objective.carriedFromId ? this.carry.findReadable(ctx, objective.carriedFromId) : null;
  }

  @ResolveField(() => [SharedObjectiveObject], { description: 'Objectives carried forward from this one' })
  carriedTo(@Ctx() ctx: RequestContext, @Parent() objective: SharedObjectiveObject) {
    return this.carry.carriedTo(ctx, objective.id);
  }
}

@Resolver(() => CarriedLineObject)
export class CarriedLineResolver {
  constructor(private readonly catalog: CatalogService) {}

  @ResolveField(() => PlanLineObject)
  async from(@Ctx() ctx: RequestContext, @Parent() line: CarriedLineObject): Promise<PlanLineObject | null> {
    return this.catalog.line(ctx, line.fromLineId);
  }

  @ResolveField(() => [PlanLineObject], { description: 'Empty when the line was dropped on the way' })
  async to(@Ctx() ctx: RequestContext, @Parent() line: CarriedLineObject): Promise<PlanLineObject[]> {
    const lines = await Promise.all(line.toLineIds.map((id) => this.catalog.line(ctx, id)));
    return lines.filter((l): l is PlanLineObject => l !== null);
  }
}

@Resolver(() => PushRunObject)
export class PushRunResolver {
  constructor(private readonly objectives: ObjectivesService) {}

  @Query(() => PushRunObject, { nullable: true })
  pushRun(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string) {
    return this.objectives.pushRun(ctx, id);
  }

  @ResolveField(() => SharedObjectiveObject)
  objective(@Ctx() ctx: RequestContext, @Parent() run: PushRunObject) {
    return this.objectives.objectiveOf(ctx, run.objectiveId);
  }
}
