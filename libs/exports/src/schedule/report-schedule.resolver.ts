import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Ctx, RequestContext } from '@rtd/kernel';
import { ExportJobObject } from '../dto/export.types';
import { ReportScheduleService } from './report-schedule.service';
import { ConsortiumReportScheduleObject, SetConsortiumReportScheduleInput } from './report-schedule.types';

@Resolver(() => ConsortiumReportScheduleObject)
export class ReportScheduleResolver {
  constructor(private readonly schedules: ReportScheduleService) {}

  @Query(() => ConsortiumReportScheduleObject, {
    nullable: true,
    description:
      "The schedule of the consortium's periodic report (the default, monthly PDF on day 1, while none is set), with the next day a report is queued",
  })
  consortiumReportSchedule(
    @Ctx() ctx: RequestContext,
    @Args('consortiumId', { type: () => ID }) consortiumId: string,
  ): Promise<ConsortiumReportScheduleObject> {
    return this.schedules.schedule(ctx, consortiumId);
  }

  @Mutation(() => ConsortiumReportScheduleObject, {
    description: "Sets the schedule of the consortium's periodic report (its RTD only)",
  })
  setConsortiumReportSchedule(
    @Ctx() ctx: RequestContext,
    @Args('input', { type: () => SetConsortiumReportScheduleInput }) input: SetConsortiumReportScheduleInput,
  ): Promise<ConsortiumReportScheduleObject> {
    return this.schedules.setSchedule(ctx, input);
  }

  @Query(() => [ExportJobObject], {
    nullable: true,
    description:
      "The consortium's periodic reports still kept (requested or scheduled), newest first, each with a download link signed for the caller; its RTD office, staff and auditors",
  })
  consortiumReports(
    @Ctx() ctx: RequestContext,
    @Args('consortiumId', { type: () => ID }) consortiumId: string,
    @Args('first', { type: () => Int, nullable: true, description: '1-50, default 20' })
    first?: number | null,
  ): Promise<ExportJobObject[]> {
    return this.schedules.reports(ctx, consortiumId, first);
  }
}
