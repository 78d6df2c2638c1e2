import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DateScalar } from '@rtd/kernel';

export enum ComplianceGroupBy {
  OBJECTIVE = 'OBJECTIVE',
  LINE = 'LINE',
  CHAPTER = 'CHAPTER',
  COMUNE = 'COMUNE',
  PROVINCE = 'PROVINCE',
  CONSORTIUM = 'CONSORTIUM',
}
registerEnumType(ComplianceGroupBy, { name: 'ComplianceGroupBy' });

@InputType('ComplianceScope', {
  description: 'consortiumId or regionCode is required; objectiveId narrows either',
})
export class ComplianceScope {
  @Field(() => ID, { nullable: true })
  consortiumId?: string | null;

  @Field(() => String, { nullable: true })
  regionCode?: string | null;

  @Field(() => ID, { nullable: true })
  objectiveId?: string | null;
}

@ObjectType('ComplianceBucket')
export class ComplianceBucket {
  @Field(() => String, {
    description:
      'objective id, edition:line code ("2022-2024:CAP1.PA.LA20"), edition:chapter number ("2024-2026:1"), comune ISTAT code, province code or consortium id',
  })
  key: string;

  @Field(() => String)
  label: string;

  @Field(() => String, {
    nullable: true,
    description: 'the Piano Triennale edition of a LINE or CHAPTER bucket; null for the other groupings',
  })
  edition: string | null;

  @Field(() => Int) total: number;
  @Field(() => Int) notStarted: number;
  @Field(() => Int) inProgress: number;
  @Field(() => Int) submitted: number;
  @Field(() => Int) completed: number;
  @Field(() => Int) rejected: number;
  @Field(() => Int) notApplicable: number;
  @Field(() => Int) overdue: number;

  @Field(() => Float, { description: 'completed / (total - notApplicable); 0 when that is 0' })
  completionRate: number;
}

@ObjectType('ComplianceTrendPoint', {
  description: 'The buckets of one day, as the midnight snapshot of that day recorded them',
})
export class ComplianceTrendPoint {
  @Field(() => DateScalar)
  day: string;

  @Field(() => [ComplianceBucket])
  buckets: ComplianceBucket[];
}
