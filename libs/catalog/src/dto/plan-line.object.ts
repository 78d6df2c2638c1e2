import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionOf, DateScalar } from '@rtd/kernel';

export enum DeadlineKindEnum {
  FROM = 'FROM',
  BY = 'BY',
  NONE = 'NONE',
}
registerEnumType(DeadlineKindEnum, {
  name: 'DeadlineKind',
  description:
    '"Da <mese anno>" = FROM (an ongoing duty from then), "Entro <mese anno>" = BY (a deadline), no date = NONE',
});

@ObjectType('PlanLine')
export class PlanLineObject {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  edition: string;

  @Field(() => String, {
    description: '"CAP1.PA.LA19", "CAP3.PA.19", or "LOC.CAPn.nn" for a consortium-local line',
  })
  code: string;

  @Field(() => Int)
  chapter: number;

  @Field(() => String)
  chapterTitle: string;

  @Field(() => [String])
  objectiveCodes: string[];

  @Field(() => String)
  text: string;

  @Field(() => DeadlineKindEnum)
  deadlineKind: DeadlineKindEnum;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'First day of the month named, or the day the text names',
  })
  deadline: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Applies only to municipalities with at least this population',
  })
  minPopulation: number | null;

  @Field(() => Boolean, { description: 'A line the consortium added, with no AgID code' })
  local: boolean;
}

@ObjectType('PlanLineConnection')
export class PlanLineConnection extends ConnectionOf(PlanLineObject, 'PlanLine') {}
