import { Args, Query, Resolver } from '@nestjs/graphql';
import { Ctx, DateScalar, RequestContext } from '@rtd/kernel';
import { ComplianceService } from './compliance.service';
import {
  ComplianceBucket,
  ComplianceGroupBy,
  ComplianceScope,
  ComplianceTrendPoint,
} from './compliance.types';

@Resolver(() => ComplianceBucket)
export class ComplianceResolver {
  constructor(private readonly compliance: ComplianceService) {}

  @Query(() => [ComplianceBucket], { description: 'Buckets sorted by completionRate ascending, then label' })
  complianceSummary(
    @Ctx() ctx: RequestContext,
    @Args('scope', { type: () => ComplianceScope }) scope: ComplianceScope,
    @Args('groupBy', { type: () => ComplianceGroupBy }) groupBy: ComplianceGroupBy,
  ): Promise<ComplianceBucket[]> {
    return this.compliance.summary(ctx, scope, groupBy);
  }

  @Query(() => [ComplianceTrendPoint], {
    description: 'complianceSummary per day, from the daily snapshots (taken at midnight, Europe/Rome)',
  })
  complianceTrend(
    @Ctx() ctx: RequestContext,
    @Args('scope', { type: () => ComplianceScope }) scope: ComplianceScope,
    @Args('groupBy', {
      type: () => ComplianceGroupBy,
      nullable: true,
      defaultValue: ComplianceGroupBy.CONSORTIUM,
    })
    groupBy: ComplianceGroupBy,
    @Args('from', { type: () => DateScalar }) from: string,
    @Args('to', { type: () => DateScalar }) to: string,
  ): Promise<ComplianceTrendPoint[]> {
    return this.compliance.trend(ctx, scope, groupBy, from, to);
  }
}
