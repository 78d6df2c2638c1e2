import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { DateScalar } from '@rtd/kernel';

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

  @Field(() => Int, {
    description:
      'Resident population at populationDate (ISTAT, 1 January 2021), the one thresholds are checked against',
  })
  population: number;

  @Field(() => DateScalar, { description: 'The day the population counts' })
  populationDate: string;

  @Field(() => String, {
    description: 'Where the population comes from, e.g. "ISTAT, popolazione residente al 1° gennaio 2021"',
  })
  populationSource: string;

  @Field(() => Boolean, { description: 'Capital (comune capoluogo) of a metropolitan city' })
  metropolitanCapital: boolean;
}
