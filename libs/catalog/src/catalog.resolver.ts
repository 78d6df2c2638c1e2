import { Args, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, Page, RequestContext } from '@rtd/kernel';
import { CatalogImportService } from './catalog-import.service';
import { CatalogService } from './catalog.service';
import {
  PlanEditionImportInput,
  PlanEditionImportReportObject,
  PlanEditionObject,
} from './dto/plan-edition.object';
import { PlanLineConnection, PlanLineObject, PlanLineSuccessionObject } from './dto/plan-line.object';

@Resolver()
export class CatalogResolver {
  constructor(
    private readonly catalog: CatalogService,
    private readonly imports: CatalogImportService,
  ) {}

  @Query(() => [PlanEditionObject], { description: 'The edition registry, oldest plan first' })
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

  @Query(() => PlanLineObject, {
    nullable: true,
    description:
      'The line whose deadline an objective on these lines is due by (the earliest first BY deadline); null when none has one',
  })
  proposedDueDate(
    @Ctx() ctx: RequestContext,
    @Args('edition') edition: string,
    @Args('lineCodes', { type: () => [String] }) lineCodes: string[],
  ): Promise<PlanLineObject | null> {
    return this.catalog.proposedDueDate(ctx, edition, lineCodes);
  }

  @Mutation(() => PlanEditionImportReportObject, {
    description:
      'PLATFORM_ADMIN: imports an edition from a ZIP of its reStructuredText, idempotently; dryRun reports without saving',
  })
  importPlanEdition(
    @Ctx() ctx: RequestContext,
    @Args('input', { type: () => PlanEditionImportInput }) input: PlanEditionImportInput,
  ): Promise<PlanEditionImportReportObject> {
    return this.imports.importEdition(ctx, input);
  }
}

@Resolver(() => PlanLineObject)
export class PlanLineResolver {
  constructor(private readonly catalog: CatalogService) {}

  @ResolveField(() => [PlanLineSuccessionObject], {
    description: 'What became of the line in the next edition (empty when the mapping does not cover it)',
  })
  successors(
    @Ctx() ctx: RequestContext,
    @Parent() line: PlanLineObject,
  ): Promise<PlanLineSuccessionObject[]> {
    return this.catalog.successions(ctx, line.id, 'successors');
  }

  @ResolveField(() => [PlanLineSuccessionObject], {
    description: 'Where the line comes from in the previous edition',
  })
  predecessors(
    @Ctx() ctx: RequestContext,
    @Parent() line: PlanLineObject,
  ): Promise<PlanLineSuccessionObject[]> {
    return this.catalog.successions(ctx, line.id, 'predecessors');
  }
}

@Resolver(() => PlanLineSuccessionObject)
export class PlanLineSuccessionResolver {
  constructor(private readonly catalog: CatalogService) {}

  @ResolveField(() => PlanLineObject, {
    nullable: true,
    description: 'The line at the other end; null when DROPPED (or not readable by the caller)',
  })
  line(@Ctx() ctx: RequestContext, @Parent() link: PlanLineSuccessionObject): Promise<PlanLineObject | null> {
    return link.lineId ? this.catalog.line(ctx, link.lineId) : Promise.resolve(null);
  }
}
