import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { Ctx, RequestContext } from '@rtd/kernel';
import { ConsortiumDashboardService } from './consortium-dashboard.service';
import {
  ConsortiumDashboard,
  ConsortiumDashboardFilter,
  DashboardComuneOrder,
} from './consortium-dashboard.types';

@Resolver(() => ConsortiumDashboard)
export class ConsortiumDashboardResolver {
  constructor(private readonly dashboards: ConsortiumDashboardService) {}

  @Query(() => ConsortiumDashboard, {
    description:
      'The Cruscotto of a consortium: figures, the comune × objective matrix (a page of comuni), the next deadlines and the open criticità (paged), the comuni furthest behind. Send the last `version` as `since` to learn cheaply whether anything changed',
  })
  consortiumDashboard(
    @Ctx() ctx: RequestContext,
    @Args('consortiumId', { type: () => ID }) consortiumId: string,
    @Args('filter', { type: () => ConsortiumDashboardFilter, nullable: true })
    filter: ConsortiumDashboardFilter | null,
    @Args('since', { type: () => String, nullable: true }) since: string | null,
    @Args('comuniFirst', { type: () => Int, defaultValue: 25 }) comuniFirst: number,
    @Args('comuniOffset', { type: () => Int, defaultValue: 0 }) comuniOffset: number,
    @Args('comuniOrder', { type: () => DashboardComuneOrder, defaultValue: DashboardComuneOrder.NAME })
    comuniOrder: DashboardComuneOrder,
    @Args('deadlinesFirst', { type: () => Int, defaultValue: 10 }) deadlinesFirst: number,
    @Args('deadlinesOffset', { type: () => Int, defaultValue: 0 }) deadlinesOffset: number,
    @Args('criticitaFirst', { type: () => Int, defaultValue: 10 }) criticitaFirst: number,
    @Args('criticitaOffset', { type: () => Int, defaultValue: 0 }) criticitaOffset: number,
    @Args('laggardsFirst', { type: () => Int, defaultValue: 5 }) laggardsFirst: number,
  ): Promise<ConsortiumDashboard> {
    return this.dashboards.dashboard(ctx, {
      consortiumId,
      filter,
      since,
      comuniFirst,
      comuniOffset,
      comuniOrder,
      deadlinesFirst,
      deadlinesOffset,
      criticitaFirst,
      criticitaOffset,
      laggardsFirst,
    });
  }
}
