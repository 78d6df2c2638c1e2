import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { Ctx, Page, RequestContext } from '@rtd/kernel';
import { CatalogService } from './catalog.service';
import { PlanEditionObject } from './dto/plan-edition.object';
import { PlanLineConnection, PlanLineObject } from './dto/plan-line.object';

@Resolver()
export class CatalogResolver {
  constructor(private readonly catalog: CatalogService) {}

  @Query(() => [PlanEditionObject])
  planEditions(@Ctx() ctx: RequestContext): Promise<PlanEditionObject[]> {
    return this.catalog.editions(ctx);
  }

  @Query(() => PlanLineConnection, {
    description: 'Lines of one edition, by chapter then code; search ignores accents and case',
  })
  planLines(
    @Ctx() ctx: RequestContext,
    @Args('edition') edition: string,
    @Args('chapter', { type: () => Int, nullable: true }) chapter: number | null,
    @Args('search', { type: () => String, nullable: true }) search: string | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<Page<PlanLineObject>> {
    return this.catalog.planLines(ctx, { edition, chapter, search, first, after });
  }
}
