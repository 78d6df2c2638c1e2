import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('Comune')
export class ComuneObject {
  @Field(() => ID)
  id: string;

  @Field(() => String, { description: 'ISTAT code, e.g. "019035"' })
  istatCode: string;

  @Field(() => String)
  name: string;

  @Field(() => String, { description: 'ISTAT province code, e.g. "019"' })
  provinceCode: string;

  @Field(() => String)
  provinceName: string;

  @Field(() => String, { description: 'ISTAT region code, e.g. "03"' })
  regionCode: string;

  @Field(() => String)
  regionName: string;

  @Field(() => Int)
  population: number;
}
