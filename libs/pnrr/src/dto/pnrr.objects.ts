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
    "stato_candidatura of the open data: A = FUNDED (assegnata), R = WITHDRAWN (rinuncia: listed, never counted as funding), E = PAID (erogata dopo l'asseverazione)",
});

export enum PnrrBodyKind {
  COMUNE = 'COMUNE',
  SCHOOL = 'SCHOOL',
  OTHER = 'OTHER',
}
registerEnumType(PnrrBodyKind, {
  name: 'PnrrBodyKind',
  description:
    "Who made an application (the open data's tipologia_ente): COMUNE = the comune itself, SCHOOL = a school located there, OTHER = any other body located there (ASL/hospitals, unions, consortia...)",
});

@ObjectType('PnrrMeasure', { description: 'A PNRR investment of Missione 1 Componente 1, e.g. 1.4.5' })
export class PnrrMeasureObject {
  @Field(() => String, { description: '"1.1", "1.3.1", "1.4.5"' })
  code: string;

  @Field(() => String)
  title: string;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      "The date the comuni's data of this measure is as of (the published file's date: 1.2 2023-03-04, 1.4.1 2025-01-09, 1.4.3 2023-10-24, 1.4.4 2025-03-27, the others the August 2026 snapshot); show it beside every figure",
  })
  asOf?: string | null;
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
  description:
    'A funded application ("candidatura finanziata") of a body: the comune itself, or a school or other body located in it (bodyKind)',
})
export class PnrrApplicationObject {
  @Field(() => PnrrCallObject)
  call: PnrrCallObject;

  @Field(() => Float, {
    description:
      'euro, as published (importo_finanziamento); a withdrawn application keeps it here: see countedAmount',
  })
  amount: number;

  @Field(() => Float, { description: 'euro counted as funding: amount, or 0 when withdrawn (rinuncia)' })
  countedAmount: number;

  @Field(() => PnrrApplicationStatus)
  status: PnrrApplicationStatus;

  @Field(() => String, { description: 'the status in Italian: "assegnata", "erogata", "rinuncia"' })
  statusLabel: string;

  @Field(() => String, { description: 'the body that applied (ente), e.g. "Comune di Crema"' })
  bodyName: string;

  @Field(() => PnrrBodyKind)
  bodyKind: PnrrBodyKind;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'the date the data of the file this application comes from is as of',
  })
  asOf: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      "data_stato_candidatura: the funding decree's date (assegnata), the payment's (erogata), the withdrawal's (rinuncia); null when the file has none (1.2's 2023 layout)",
  })
  statusDate: string | null;

  @Field(() => DateScalar, { nullable: true })
  fundedOn: string | null;

  @Field(() => String, { description: 'codice CUP of the project' })
  cup: string;
}

@ObjectType('PnrrMeasureFunding', {
  description: "One measure's funding of one comune: its own applications, and the date the data is as of",
})
export class PnrrMeasureFundingObject {
  @Field(() => PnrrMeasureObject)
  measure: PnrrMeasureObject;

  @Field(() => Float, { description: "the comune's own funding for the measure, withdrawn excluded" })
  ownAmount: number;

  @Field(() => [PnrrApplicationObject], { description: "the comune's own applications, withdrawn included" })
  applications: PnrrApplicationObject[];
}

@ObjectType('ComunePnrr', {
  description:
    "PNRR funding of one municipality (PA digitale 2026 open data, CC BY 4.0): the comune's own (its own applications) apart from its territory's (every body located there)",
})
export class ComunePnrrObject {
  @Field(() => Float, {
    nullable: true,
    description:
      "The comune's OWN funding: sum of its own applications, all measures, withdrawn excluded (same as ownAmount). Until issue 21 this was the territory's figure of importi_per_comune.csv (every body located in the municipality): that figure is now territoryAmount",
  })
  totalAmount: number | null;

  @Field(() => Float, {
    description: "Sum of the comune's own applications listed (all seven measures), withdrawn excluded",
  })
  applicationsAmount: number;

  @Field(() => [PnrrApplicationObject], {
    description: "The comune's own applications (bodyKind COMUNE), withdrawn included: by measure, then call",
  })
  applications: PnrrApplicationObject[];

  @Field(() => Float, { description: "The comune's own funding, withdrawn excluded" })
  ownAmount: number;

  @Field(() => Float, {
    nullable: true,
    description:
      "The municipality's TERRITORY, as the publisher sums it (importi_per_comune.csv): the comune, its schools, ASL/hospitals, consortia and every other body located there. Not the comune's money. Null when the file names no municipality unambiguously matching this one",
  })
  territoryAmount: number | null;

  @Field(() => Float, {
    description: 'Funding of the schools located in the municipality, withdrawn excluded',
  })
  schoolsAmount: number;

  @Field(() => Float, {
    description:
      'Funding of the other bodies located in the municipality (ASL, unions, consortia...), withdrawn excluded',
  })
  otherBodiesAmount: number;

  @Field(() => [PnrrApplicationObject], {
    description:
      "The applications of the schools and other bodies located in the municipality (not the comune's)",
  })
  territoryApplications: PnrrApplicationObject[];

  @Field(() => [PnrrMeasureFundingObject], {
    description:
      "Every measure (1.1 ... 1.4.5), with its as-of date, the comune's own amount and applications",
  })
  measures: PnrrMeasureFundingObject[];
}

@ObjectType('PnrrMeasureTotal', {
  description:
    "One measure's funding summed over the comuni of a consortium or a region (their own applications)",
})
export class PnrrMeasureTotalObject {
  @Field(() => PnrrMeasureObject)
  measure: PnrrMeasureObject;

  @Field(() => Float, { description: "sum of the comuni's own funding for the measure, withdrawn excluded" })
  amount: number;

  @Field(() => Int, { description: 'comuni with at least one application counted (not withdrawn)' })
  fundedComuni: number;

  @Field(() => Int, { description: 'applications counted' })
  applicationCount: number;

  @Field(() => Int, { description: 'applications withdrawn (rinuncia), listed but not counted' })
  withdrawnCount: number;

  @Field(() => [String], {
    description:
      'The names of the comuni of a consortium with no application counted for this measure, alphabetical (empty for a region: see fundedComuni)',
  })
  comuniWithoutApplication: string[];

  @Field(() => Boolean, {
    description:
      "True when the measure serves a line of one of the consortium's objectives (curated mapping); false for a region",
  })
  servesObjectives: boolean;
}

@ObjectType('PnrrTotal', { description: 'PNRR funding summed over municipalities (a consortium, a region)' })
export class PnrrTotalObject {
  @Field(() => Float, {
    description:
      "Sum of the comuni's OWN funding (ComunePnrr.ownAmount), withdrawn excluded. Until issue 21 this summed the territories (importi_per_comune.csv): that is now territoryAmount",
  })
  amount: number;

  @Field(() => Int, { description: 'municipalities with own funding (an application counted)' })
  fundedComuni: number;

  @Field(() => Int, { description: 'municipalities in the scope' })
  comuneCount: number;

  @Field(() => Float, {
    description:
      "Sum of the territories' totals as the publisher gives them (importi_per_comune.csv: every body located in the comuni, schools, ASL, consortia...), not the comuni's own",
  })
  territoryAmount: number;

  @Field(() => [PnrrMeasureTotalObject], {
    description: 'per measure, 1.1 ... 1.4.5, each with its as-of date',
  })
  measures: PnrrMeasureTotalObject[];
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
