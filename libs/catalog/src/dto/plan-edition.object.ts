import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('PlanEdition')
export class PlanEditionObject {
  @Field(() => String, { description: '"2020-2022", "2022-2024", "2024-2026"' })
  code: string;

  @Field(() => String)
  title: string;

  @Field(() => Int)
  lineCount: number;
}
