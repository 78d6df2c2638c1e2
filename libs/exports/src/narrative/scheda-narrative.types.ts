import { Field, GraphQLISODateTime, ID, InputType, ObjectType } from '@nestjs/graphql';

@ObjectType('ComuneStateOfTheArt', {
  description:
    "The «Breve descrizione dello stato dell'arte» of a comune's scheda (seed 003, Allegato 1), written by its consortium's RTD office",
})
export class ComuneStateOfTheArtObject {
  @Field(() => ID)
  comuneId: string;

  @Field(() => String, {
    nullable: true,
    description: 'The paragraph; null while the office has written none',
  })
  text: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  updatedAt: Date | null;

  @Field(() => Boolean, {
    description: 'Whether the caller may write it (the RTD and staff of the consortium)',
  })
  canEdit: boolean;
}

@InputType()
export class SetComuneStateOfTheArtInput {
  @Field(() => ID)
  comuneId: string;

  @Field(() => String, { description: 'Up to 4,000 characters; empty clears it' })
  text: string;
}
