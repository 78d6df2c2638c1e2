import { Args, Query, Resolver } from '@nestjs/graphql';
import { Ctx, RequestContext } from '@rtd/kernel';
import { ComplianceService } from './compliance.service';
import { ComplianceBucket, ComplianceGroupBy, ComplianceScope } from './compliance.types';

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
}
