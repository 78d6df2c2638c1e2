import { Field, InputType } from '@nestjs/graphql';

@InputType('CreateConsortiumInput')
export class CreateConsortiumInput {
  @Field(() => String)
  name: string;

  @Field(() => [String], { description: 'A municipality belongs to at most one consortium' })
  comuneIstatCodes: string[];
}
