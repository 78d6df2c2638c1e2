import { Field, Float, GraphQLISODateTime, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { DateScalar } from '@rtd/kernel';
import {
  IndicatorAggregation,
  IndicatorDirection,
  IndicatorFrequency,
  IndicatorKind,
  IndicatorMeasuredBy,
  IndicatorNature,
} from './plan.enums';

/** A scheda's indicators, their yearly targets and the values recorded per period. */
@ObjectType('IndicatorTarget')
export class IndicatorTargetObject {
  @Field(() => Int)
  year: number;

  @Field(() => Float)
  value: number;
}

@InputType('IndicatorTargetInput')
export class IndicatorTargetInput {
  @Field(() => Int)
  year: number;

  @Field(() => Float)
  value: number;
}

@ObjectType('PianoIndicator')
export class PianoIndicatorObject {
  @Field(() => ID)
  id: string;

  consortiumId: string;
  versionId: string;

  @Field(() => ID)
  interventoId: string;

  @Field(() => ID, { description: 'The same indicator across versions: its values belong to it' })
  lineageId: string;

  @Field(() => String)
  name: string;

  @Field(() => IndicatorKind)
  kind: IndicatorKind;

  @Field(() => String, { nullable: true })
  unit: string | null;

  @Field(() => String, { nullable: true })
  source: string | null;

  @Field(() => IndicatorDirection)
  direction: IndicatorDirection;

  @Field(() => IndicatorNature)
  nature: IndicatorNature;

  @Field(() => IndicatorAggregation)
  aggregation: IndicatorAggregation;

  @Field(() => Float, { nullable: true })
  baseline: number | null;

  @Field(() => DateScalar, { nullable: true })
  baselineDate: string | null;

  @Field(() => [IndicatorTargetObject])
  targets: IndicatorTargetObject[];

  @Field(() => IndicatorFrequency)
  frequency: IndicatorFrequency;

  @Field(() => IndicatorMeasuredBy)
  measuredBy: IndicatorMeasuredBy;

  @Field(() => Int)
  position: number;
}

@InputType('IndicatorInput', { description: 'On update, a field left null keeps its value' })
export class IndicatorInput {
  @Field(() => String, { nullable: true, description: 'required on create' })
  name?: string | null;

  @Field(() => IndicatorKind, { nullable: true, description: 'required on create' })
  kind?: IndicatorKind | null;

  @Field(() => String, { nullable: true })
  unit?: string | null;

  @Field(() => String, { nullable: true })
  source?: string | null;

  @Field(() => IndicatorDirection, { nullable: true, description: 'default INCREASE' })
  direction?: IndicatorDirection | null;

  @Field(() => IndicatorNature, { nullable: true, description: 'default REALISATION' })
  nature?: IndicatorNature | null;

  @Field(() => IndicatorAggregation, {
    nullable: true,
    description: 'default by kind: NUMBER SUM, PERCENTAGE MEAN, YES_NO SHARE_YES',
  })
  aggregation?: IndicatorAggregation | null;

  @Field(() => Float, { nullable: true })
  baseline?: number | null;

  @Field(() => DateScalar, { nullable: true })
  baselineDate?: string | null;

  @Field(() => [IndicatorTargetInput], { nullable: true })
  targets?: IndicatorTargetInput[] | null;

  @Field(() => IndicatorFrequency, { nullable: true, description: 'default SEMIANNUAL' })
  frequency?: IndicatorFrequency | null;

  @Field(() => IndicatorMeasuredBy, { nullable: true, description: 'default OFFICE' })
  measuredBy?: IndicatorMeasuredBy | null;
}

@ObjectType('IndicatorValue', {
  description: 'A value as recorded (the newest of its period and comune is current)',
})
export class IndicatorValueObject {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  period: string;

  @Field(() => Float)
  value: number;

  @Field(() => ID, { nullable: true })
  comuneId: string | null;

  @Field(() => String, { nullable: true })
  comuneName: string | null;

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field(() => GraphQLISODateTime)
  recordedAt: Date;

  @Field(() => String, { nullable: true, description: 'Who recorded it (name)' })
  recordedBy: string | null;
}

@ObjectType('IndicatorPeriod', {
  description: "The consortium's value of one period against the year's target",
})
export class IndicatorPeriodObject {
  @Field(() => String)
  period: string;

  @Field(() => Float, { nullable: true, description: 'Aggregated as the indicator says' })
  value: number | null;

  @Field(() => Int, { description: 'Values it aggregates (comuni that answered, or 1 for the office)' })
  count: number;

  @Field(() => Float, { nullable: true, description: "The target of the period's year" })
  target: number | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "Value meets the target in the indicator's direction",
  })
  onTarget: boolean | null;
}

@InputType('RecordIndicatorValueInput')
export class RecordIndicatorValueInput {
  @Field(() => ID)
  indicatorId: string;

  @Field(() => String, { description: '2026-S1, 2026-Q2, 2026-A (as the frequency says)' })
  period: string;

  @Field(() => Float, { description: 'YES_NO: 1 sì, 0 no; PERCENTAGE: 0..100' })
  value: number;

  @Field(() => ID, {
    nullable: true,
    description: 'The comune measured (required when measured by each comune)',
  })
  comuneId?: string | null;

  @Field(() => String, { nullable: true })
  note?: string | null;
}
