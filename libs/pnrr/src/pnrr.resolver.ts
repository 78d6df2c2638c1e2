import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AssignmentObject, AssignmentRelations } from '@rtd/assignments';
import { PlanLineObject } from '@rtd/catalog';
import { Ctx, RequestContext } from '@rtd/kernel';
import { ObjectivesService } from '@rtd/objectives';
import { ComuneObject, ConsortiumObject } from '@rtd/tenancy';
import { ComunePnrrObject, PnrrFundingObject, PnrrLineLinkObject, PnrrTotalObject } from './dto/pnrr.objects';
import { PnrrService } from './pnrr.service';

@Resolver()
export class PnrrResolver {
  constructor(private readonly pnrr: PnrrService) {}

  @Query(() => PnrrTotalObject, {
    description:
      'PNRR funding of the municipalities of a region (ISTAT code, e.g. "03"): open data, every role',
  })
  pnrrRegionTotal(
    @Ctx() ctx: RequestContext,
    @Args('regionCode') regionCode: string,
  ): Promise<PnrrTotalObject> {
    return this.pnrr.regionTotal(ctx, regionCode);
  }
}

@Resolver(() => ComuneObject)
export class ComunePnrrResolver {
  constructor(private readonly funding: PnrrService) {}

  @ResolveField(() => ComunePnrrObject, {
    description: 'PNRR calls and amounts (PA digitale 2026 open data)',
  })
  pnrr(@Ctx() ctx: RequestContext, @Parent() comune: ComuneObject): Promise<ComunePnrrObject> {
    return this.funding.comuneFunding(ctx, comune);
  }
}

@Resolver(() => ConsortiumObject)
export class ConsortiumPnrrResolver {
  constructor(private readonly funding: PnrrService) {}

  @ResolveField(() => PnrrTotalObject, { description: 'PNRR funding of the members, summed' })
  pnrr(@Ctx() ctx: RequestContext, @Parent() consortium: ConsortiumObject): Promise<PnrrTotalObject> {
    return this.funding.consortiumTotal(ctx, consortium.id);
  }
}

@Resolver(() => PlanLineObject)
export class PlanLinePnrrResolver {
  constructor(private readonly pnrr: PnrrService) {}

  @ResolveField(() => [PnrrLineLinkObject], {
    description: 'The PNRR measures serving this line (curated mapping, with justification and source)',
  })
  pnrrMeasures(@Ctx() ctx: RequestContext, @Parent() line: PlanLineObject): Promise<PnrrLineLinkObject[]> {
    return this.pnrr.lineLinks(ctx, line);
  }
}

@Resolver(() => AssignmentObject)
export class AssignmentPnrrResolver {
  constructor(
    private readonly pnrr: PnrrService,
    private readonly assignments: AssignmentRelations,
    private readonly objectives: ObjectivesService,
  ) {}

  @ResolveField(() => [PnrrFundingObject], {
    description: "The municipality's PNRR applications to the measures serving the objective's lines",
  })
  async pnrrFunding(
    @Ctx() ctx: RequestContext,
    @Parent() assignment: AssignmentObject,
  ): Promise<PnrrFundingObject[]> {
    const [comune, lines] = await Promise.all([
      this.assignments.comuneOf(ctx, assignment),
      this.objectives.lines(ctx, assignment.objectiveId),
    ]);
    return this.pnrr.fundingForLines(ctx, comune.istatCode, lines);
  }
}
