import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AssignmentObject } from '@rtd/assignments';
import { Ctx, DateScalar, RequestContext } from '@rtd/kernel';
import { ObjectivesService, SharedObjectiveObject } from '@rtd/objectives';
import {
  ApprovePianoVersionInput,
  CreatePianoVersionInput,
  IndicatorInput,
  IndicatorPeriodObject,
  IndicatorValueObject,
  InterventoInput,
  PianoComuneObject,
  PianoCoverageObject,
  PianoIndicatorObject,
  PianoInterventoObject,
  PianoLineRefObject,
  PianoVersionObject,
  RecordIndicatorValueInput,
} from './dto/plan.types';
import { IndicatorsService, toIndicatorObject } from './indicators.service';
import { PlanReadsService } from './plan-reads.service';
import { PlanService } from './plan.service';

@Resolver(() => PianoVersionObject)
export class PianoVersionResolver {
  constructor(
    private readonly plan: PlanService,
    private readonly reads: PlanReadsService,
  ) {}

  @Query(() => [PianoVersionObject], {
    description:
      "The versions of a consortium's own Piano the caller reads, newest first (office and auditors: all; member comuni: approved and published; regional observers: published)",
  })
  pianoVersions(@Ctx() ctx: RequestContext, @Args('consortiumId', { type: () => ID }) consortiumId: string) {
    return this.plan.versions(ctx, consortiumId);
  }

  @Query(() => PianoVersionObject, {
    nullable: true,
    description: 'The newest version of the Piano the caller reads',
  })
  piano(@Ctx() ctx: RequestContext, @Args('consortiumId', { type: () => ID }) consortiumId: string) {
    return this.plan.current(ctx, consortiumId);
  }

  @Query(() => PianoVersionObject)
  pianoVersion(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string) {
    return this.plan.version(ctx, id);
  }

  @ResolveField(() => [PianoInterventoObject], { description: 'The schede intervento, in order' })
  interventi(@Ctx() ctx: RequestContext, @Parent() version: PianoVersionObject) {
    return this.plan.interventi(ctx, version);
  }

  @ResolveField(() => PianoCoverageObject, {
    description: "The edition's lines addressed to comuni and the schede serving each (empty: uncovered)",
  })
  coverage(
    @Ctx() ctx: RequestContext,
    @Parent() version: PianoVersionObject,
    @Args('edition', { type: () => String }) edition: string,
  ) {
    return this.reads.coverage(ctx, version, edition);
  }

  @ResolveField(() => Boolean, {
    description: 'Whether the caller may change this version now (a draft, RTD or staff)',
  })
  canEdit(@Ctx() ctx: RequestContext, @Parent() version: PianoVersionObject) {
    return this.plan.canEdit(ctx, version);
  }

  @Mutation(() => PianoVersionObject, {
    description: 'The first Piano, or the yearly update: a new DRAFT copied from the newest version',
  })
  createPianoVersion(@Ctx() ctx: RequestContext, @Args('input') input: CreatePianoVersionInput) {
    return this.plan.createVersion(ctx, input);
  }

  @Mutation(() => PianoVersionObject, { description: 'Title and year of a draft' })
  updatePianoVersion(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('title', { type: () => String, nullable: true }) title: string | null,
    @Args('year', { type: () => Int, nullable: true }) year: number | null,
  ) {
    return this.plan.updateVersion(ctx, id, { title, year });
  }

  @Mutation(() => PianoVersionObject, {
    description: 'Records the approval (date and act) of a draft: from now on it never changes',
  })
  approvePianoVersion(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: ApprovePianoVersionInput,
  ) {
    return this.plan.approve(ctx, id, input);
  }

  @Mutation(() => PianoVersionObject, {
    description: 'Publishes an approved version (readable by the region)',
  })
  publishPianoVersion(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string) {
    return this.plan.publish(ctx, id);
  }
}

@Resolver(() => PianoInterventoObject)
export class PianoInterventoResolver {
  constructor(
    private readonly plan: PlanService,
    private readonly reads: PlanReadsService,
    private readonly indicatorsService: IndicatorsService,
    private readonly objectives: ObjectivesService,
  ) {}

  @Query(() => PianoInterventoObject)
  pianoIntervento(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string) {
    return this.plan.intervento(ctx, id);
  }

  @ResolveField(() => [PianoLineRefObject])
  lines(@Ctx() ctx: RequestContext, @Parent() intervento: PianoInterventoObject) {
    return this.reads.lines(ctx, intervento.id);
  }

  @ResolveField(() => [PianoIndicatorObject])
  indicators(@Ctx() ctx: RequestContext, @Parent() intervento: PianoInterventoObject) {
    return this.indicatorsService.ofIntervento(ctx, intervento.id);
  }

  @ResolveField(() => [PianoComuneObject], { description: 'The member comuni in scope (empty: all)' })
  comuni(@Ctx() ctx: RequestContext, @Parent() intervento: PianoInterventoObject) {
    return this.reads.comuni(ctx, intervento);
  }

  @ResolveField(() => SharedObjectiveObject, {
    nullable: true,
    description: 'The shared objective created from this scheda, if the caller reads it',
  })
  async sharedObjective(
    @Ctx() ctx: RequestContext,
    @Parent() intervento: PianoInterventoObject,
  ): Promise<SharedObjectiveObject | null> {
    if (!intervento.sharedObjectiveId) return null;
    return this.objectives.get(ctx, intervento.sharedObjectiveId).catch(() => null);
  }

  @Mutation(() => PianoInterventoObject, { description: 'A new scheda intervento in a draft' })
  createPianoIntervento(
    @Ctx() ctx: RequestContext,
    @Args('versionId', { type: () => ID }) versionId: string,
    @Args('input') input: InterventoInput,
  ) {
    return this.plan.createIntervento(ctx, versionId, input);
  }

  @Mutation(() => PianoInterventoObject)
  updatePianoIntervento(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: InterventoInput,
    @Args('expectedVersion', { type: () => Int, nullable: true }) expectedVersion: number | null,
  ) {
    return this.plan.updateIntervento(ctx, id, expectedVersion, input);
  }

  @Mutation(() => Boolean)
  deletePianoIntervento(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string) {
    return this.plan.deleteIntervento(ctx, id);
  }

  @Mutation(() => SharedObjectiveObject, {
    description:
      'Creates (as a DRAFT) the shared objective carrying out the scheda: its lines of one edition, its comuni or the whole consortium; the scheda keeps the link',
  })
  createObjectiveFromIntervento(
    @Ctx() ctx: RequestContext,
    @Args('interventoId', { type: () => ID }) interventoId: string,
    @Args('edition', { type: () => String, nullable: true }) edition: string | null,
    @Args('dueDate', { type: () => DateScalar, nullable: true }) dueDate: string | null,
  ) {
    return this.plan.createObjective(ctx, interventoId, { edition, dueDate });
  }
}

@Resolver(() => PianoIndicatorObject)
export class PianoIndicatorResolver {
  constructor(private readonly indicators: IndicatorsService) {}

  @Query(() => PianoIndicatorObject)
  async pianoIndicator(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string) {
    return toIndicatorObject((await this.indicators.get(ctx, id)).row);
  }

  @ResolveField(() => [IndicatorValueObject], {
    description:
      'Current values (newest of each period and comune); history: every value recorded, newest first',
  })
  values(
    @Ctx() ctx: RequestContext,
    @Parent() indicator: PianoIndicatorObject,
    @Args('history', { type: () => Boolean, defaultValue: false }) history: boolean,
    @Args('comuneId', { type: () => ID, nullable: true }) comuneId: string | null,
  ) {
    return this.indicators.values(ctx, indicator, history, comuneId);
  }

  @ResolveField(() => [IndicatorPeriodObject], {
    description: "The consortium's value per period against the target",
  })
  periods(@Ctx() ctx: RequestContext, @Parent() indicator: PianoIndicatorObject) {
    return this.indicators.periods(ctx, indicator);
  }

  @Mutation(() => PianoIndicatorObject)
  createPianoIndicator(
    @Ctx() ctx: RequestContext,
    @Args('interventoId', { type: () => ID }) interventoId: string,
    @Args('input') input: IndicatorInput,
  ) {
    return this.indicators.create(ctx, interventoId, input);
  }

  @Mutation(() => PianoIndicatorObject)
  updatePianoIndicator(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: IndicatorInput,
  ) {
    return this.indicators.update(ctx, id, input);
  }

  @Mutation(() => Boolean)
  deletePianoIndicator(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string) {
    return this.indicators.delete(ctx, id);
  }

  @Mutation(() => IndicatorValueObject, {
    description:
      "Records an indicator's value for a period (the office, or a comune's referent for its comune)",
  })
  recordIndicatorValue(@Ctx() ctx: RequestContext, @Args('input') input: RecordIndicatorValueInput) {
    return this.indicators.record(ctx, input);
  }
}

@Resolver(() => AssignmentObject)
export class AssignmentPianoResolver {
  constructor(
    private readonly reads: PlanReadsService,
    private readonly indicators: IndicatorsService,
  ) {}

  @ResolveField(() => [PianoIndicatorObject], {
    description:
      "The indicators each comune measures of the Piano's schede this assignment's objective carries out (approved or published Piano)",
  })
  async pianoIndicators(
    @Ctx() ctx: RequestContext,
    @Parent() assignment: AssignmentObject,
  ): Promise<PianoIndicatorObject[]> {
    const schede = await this.reads.interventiOfObjective(ctx, assignment.objectiveId);
    const all = await Promise.all(schede.map((s) => this.indicators.ofIntervento(ctx, s.id)));
    return all.flat().filter((x) => x.measuredBy === 'COMUNE');
  }
}
