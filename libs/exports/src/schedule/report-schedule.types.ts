import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum ReportFrequencyEnum {
  NONE = 'NONE',
  WEEKLY = 'WEEKLY',
  MONTHLY = 'MONTHLY',
  QUARTERLY = 'QUARTERLY',
  SEMIANNUAL = 'SEMIANNUAL',
  ANNUAL = 'ANNUAL',
}
registerEnumType(ReportFrequencyEnum, {
  name: 'ReportFrequency',
  description:
    'How often the periodic report is built on its own: NONE (only on demand), WEEKLY (Mondays), MONTHLY (on dayOfMonth), QUARTERLY (on dayOfMonth of January, April, July and October), SEMIANNUAL (on dayOfMonth of January and July), ANNUAL (on dayOfMonth of January)',
});

export enum ReportFormatEnum {
  PDF = 'PDF',
  XLSX = 'XLSX',
}
registerEnumType(ReportFormatEnum, { name: 'ReportFormat' });

@ObjectType('ConsortiumReportSchedule', {
  description:
    "The schedule of a consortium's periodic report; monthly, PDF, on day 1 while its RTD has set nothing",
})
export class ConsortiumReportScheduleObject {
  @Field(() => ID)
  consortiumId: string;

  @Field(() => ReportFrequencyEnum)
  frequency: ReportFrequencyEnum;

  @Field(() => ReportFormatEnum)
  format: ReportFormatEnum;

  @Field(() => Int, { description: 'MONTHLY, QUARTERLY, SEMIANNUAL and ANNUAL: the day of the month (1-28)' })
  dayOfMonth: number;

  @Field(() => Boolean, { description: 'false: nothing set, this is the default' })
  isSet: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'The next day (YYYY-MM-DD, Rome) a report will be queued; null for NONE',
  })
  nextRunOn: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  updatedAt: Date | null;

  @Field(() => Boolean, { description: 'Whether the caller may change it (the RTD of the consortium)' })
  canEdit: boolean;
}

@InputType('SetConsortiumReportScheduleInput')
export class SetConsortiumReportScheduleInput {
  @Field(() => ID)
  consortiumId: string;

  @Field(() => ReportFrequencyEnum)
  frequency: ReportFrequencyEnum;

  @Field(() => ReportFormatEnum, { nullable: true, description: 'default PDF' })
  format?: ReportFormatEnum | null;

  @Field(() => Int, { nullable: true, description: '1-28, default 1' })
  dayOfMonth?: number | null;
}
