import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DateScalar } from '@rtd/kernel';

export enum PnrrApplicationStatus {
  FUNDED = 'FUNDED',
  WITHDRAWN = 'WITHDRAWN',
  PAID = 'PAID',
}
registerEnumType(PnrrApplicationStatus, {
  name: 'PnrrApplicationStatus',
  description:
    "stato_candidatura of the open data: A = FUNDED (assegnataria), R = WITHDRAWN (rinuncia), E = PAID (erogato dopo l'asseverazione)",
});

@ObjectType('PnrrMeasure', { description: 'A PNRR investment of Missione 1 Componente 1, e.g. 1.4.5' })
export class PnrrMeasureObject {
  @Field(() => String, { description: '"1.1", "1.3.1", "1.4.5"' })
  code: string;

  @Field(() => String)
  title: string;
}

@ObjectType('PnrrCall', { description: 'An "avviso" of PA digitale 2026' })
export class PnrrCallObject {
  @Field(() => String)
  title: string;

  @Field(() => PnrrMeasureObject)
  measure: PnrrMeasureObject;

  @Field(() => DateScalar, { nullable: true })
  opensOn: string | null;

  @Field(() => DateScalar, { nullable: true })
  closesOn: string | null;

  @Field(() => String, { description: 'as published, e.g. "TERMINATO"' })
  status: string;
}

@ObjectType('PnrrApplication', {
  description: 'A funded application ("candidatura finanziata") of a municipality',
})
export class PnrrApplicationObject {
  @Field(() => PnrrCallObject)
  call: PnrrCallObject;

  @Field(() => Float, { description: 'euro' })
  amount: number;

  @Field(() => PnrrApplicationStatus)
  status: PnrrApplicationStatus;

  @Field(() => String, { description: 'the status in Italian: "finanziata", "rinunciata", "erogata"' })
  statusLabel: string;

  @Field(() => DateScalar, { nullable: true })
  statusDate: string | null;

  @Field(() => DateScalar, { nullable: true })
  fundedOn: string | null;

  @Field(() => String, { description: 'codice CUP of the project' })
  cup: string;
}

@ObjectType('ComunePnrr', {
  description: 'PNRR funding of one municipality (PA digitale 2026 open data, CC BY 4.0)',
})
export class ComunePnrrObject {
  @Field(() => Float, {
    nullable: true,
    description:
      'Total funded, all measures (importi_per_comune.csv); null when the file names no municipality unambiguously matching this one',
  })
  totalAmount: number | null;

  @Field(() => Float, {
    description: 'Sum of the applications listed (measures 1.1, 1.3.1, 1.4.5), withdrawn ones excluded',
  })
  applicationsAmount: number;

  @Field(() => [PnrrApplicationObject], { description: 'by call opening date, then call title' })
  applications: PnrrApplicationObject[];
}

@ObjectType('PnrrTotal', { description: 'PNRR funding summed over municipalities (a consortium, a region)' })
export class PnrrTotalObject {
  @Field(() => Float, { description: 'sum of ComunePnrr.totalAmount' })
  amount: number;

  @Field(() => Int, { description: 'municipalities with an amount' })
  fundedComuni: number;

  @Field(() => Int, { description: 'municipalities in the scope' })
  comuneCount: number;
}

@ObjectType('PnrrLineLink', {
  description: 'A PNRR measure serving a plan line, from the curated mapping, with why and where written',
})
export class PnrrLineLinkObject {
  @Field(() => PnrrMeasureObject)
  measure: PnrrMeasureObject;

  @Field(() => String)
  justification: string;

  @Field(() => String)
  source: string;
}

@ObjectType('PnrrFunding', {
  description: "An application of the assignment's municipality to a measure serving one of its lines",
})
export class PnrrFundingObject {
  @Field(() => PnrrApplicationObject)
  application: PnrrApplicationObject;

  @Field(() => [String], { description: 'the lines of the objective the measure serves' })
  lineCodes: string[];

  @Field(() => String, { description: '"finanziato dal PNRR: avviso ..., importo ..., stato ..."' })
  summary: string;
}
