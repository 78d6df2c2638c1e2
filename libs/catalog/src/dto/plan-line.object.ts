import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionOf, DateScalar } from '@rtd/kernel';
import type { BodyKind, ComuniScope, DeadlinePrecision } from '../facts/facts.types';
import type { SuccessionKind } from '../succession/succession.types';

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

export enum DeadlinePrecisionEnum {
  DAY = 'DAY',
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
  SEMESTER = 'SEMESTER',
  YEAR = 'YEAR',
}
registerEnumType(DeadlinePrecisionEnum, {
  name: 'DeadlinePrecision',
  description: 'How precisely AgID names the date: a day, a month, a quarter, a semester or a year',
});

export enum PlanBodyEnum {
  ALL_ADMINISTRATIONS = 'ALL_ADMINISTRATIONS',
  LOCAL_ADMINISTRATIONS = 'LOCAL_ADMINISTRATIONS',
  LOCAL_AUTHORITIES = 'LOCAL_AUTHORITIES',
  MUNICIPALITIES = 'MUNICIPALITIES',
  METROPOLITAN_CAPITALS = 'METROPOLITAN_CAPITALS',
  METROPOLITAN_CITIES = 'METROPOLITAN_CITIES',
  PROVINCES = 'PROVINCES',
  REGIONS = 'REGIONS',
  MUNICIPAL_UNIONS = 'MUNICIPAL_UNIONS',
  CENTRAL_ADMINISTRATIONS = 'CENTRAL_ADMINISTRATIONS',
  HEALTH_BODIES = 'HEALTH_BODIES',
  SCHOOLS = 'SCHOOLS',
  UNIVERSITIES = 'UNIVERSITIES',
  MUSEUMS = 'MUSEUMS',
  CONTRACTING_AUTHORITIES = 'CONTRACTING_AUTHORITIES',
  PURCHASING_AGGREGATORS = 'PURCHASING_AGGREGATORS',
  CITIZENS_AND_BUSINESSES = 'CITIZENS_AND_BUSINESSES',
}
registerEnumType(PlanBodyEnum, {
  name: 'PlanBody',
  description:
    'A kind of body a line addresses: every PA, local PAs (PAL), local authorities, comuni, capitals of the metropolitan cities, metropolitan cities, provinces, regions, unions of comuni, central PAs (PAC), health bodies, schools, universities and AFAM, museums, contracting authorities, purchasing aggregators, citizens and businesses',
});

export enum ComuniScopeEnum {
  ALL = 'ALL',
  METROPOLITAN_CAPITALS = 'METROPOLITAN_CAPITALS',
  NONE = 'NONE',
}
registerEnumType(ComuniScopeEnum, {
  name: 'ComuniScope',
  description:
    'Which comuni a line reaches, before its population band: all, only the capitals of the metropolitan cities, none',
});

export enum SuccessionKindEnum {
  UNCHANGED = 'UNCHANGED',
  REWORDED = 'REWORDED',
  SPLIT = 'SPLIT',
  MERGED = 'MERGED',
  DROPPED = 'DROPPED',
}
registerEnumType(SuccessionKindEnum, {
  name: 'SuccessionKind',
  description:
    'What became of a line in the next edition: the same words, other words for the same duty, several lines, one line with others, none',
});

@ObjectType('PlanDeadline', {
  description: 'One date of a line, as AgID writes it and as the product reads it',
})
export class PlanDeadlineObject {
  @Field(() => DeadlineKindEnum, { description: 'FROM or BY' })
  kind: DeadlineKindEnum;

  @Field(() => DateScalar, {
    description:
      'BY: the last day of the period named ("Entro dicembre 2023" = 2023-12-31); FROM: its first day; a named day as named',
  })
  date: string;

  @Field(() => DeadlinePrecisionEnum)
  precision: DeadlinePrecision;

  @Field(() => String, { description: 'The words of the source, e.g. "Entro dicembre 2023"' })
  words: string;

  @Field(() => String, {
    nullable: true,
    description:
      'What AgID adds ("(o altro termine indicato nel Regolamento)"), or the sentence a later deadline belongs to',
  })
  qualifier: string | null;
}

@ObjectType('PlanLineCorrection', {
  description: 'A correction made to the source text, with the source it follows',
})
export class PlanLineCorrectionObject {
  @Field(() => String)
  find: string;

  @Field(() => String)
  replace: string;

  @Field(() => String)
  reason: string;

  @Field(() => String)
  source: string;
}

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

  @Field(() => String, { description: 'The text without the opening date and the code' })
  text: string;

  @Field(() => String, {
    description: 'The line as the source prints it (after corrections): date, qualifiers and text',
  })
  printed: string;

  @Field(() => DeadlineKindEnum, { description: 'The kind of the first deadline' })
  deadlineKind: DeadlineKindEnum;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      'The first deadline: the last day of the month for "Entro <mese>", the first for "Da <mese>", or the day the text names',
  })
  deadline: string | null;

  @Field(() => [PlanDeadlineObject], { description: 'Every deadline of the line, in the order of the text' })
  deadlines: PlanDeadlineObject[];

  @Field(() => DateScalar, {
    nullable: true,
    description:
      'What an objective on this line is due by: its first BY deadline (null when the line has none)',
  })
  dueDate: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Applies only to comuni with at least this population (inclusive)',
  })
  minPopulation: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Applies only to comuni with at most this population (inclusive)',
  })
  maxPopulation: number | null;

  @Field(() => [PlanBodyEnum], { description: 'The kinds of body the line addresses' })
  bodies: BodyKind[];

  @Field(() => ComuniScopeEnum)
  comuniScope: ComuniScope;

  @Field(() => [String], {
    description: 'Conditions no data decides, shown as text ("non ancora presente nel catalogo dati.gov.it")',
  })
  conditions: string[];

  @Field(() => [PlanLineCorrectionObject])
  corrections: PlanLineCorrectionObject[];

  @Field(() => String, { nullable: true, description: 'Where the source prints the line, "file:line"' })
  source: string | null;

  @Field(() => Boolean, { description: 'A line the consortium added, with no AgID code' })
  local: boolean;
}

@ObjectType('PlanLineConnection')
export class PlanLineConnection extends ConnectionOf(PlanLineObject, 'PlanLine') {}

@ObjectType('PlanLineSuccession', {
  description: 'A link between a line and a line of the next (successors) or previous (predecessors) edition',
})
export class PlanLineSuccessionObject {
  /** Resolved by PlanLineSuccessionResolver.line. */
  lineId: string | null;

  @Field(() => SuccessionKindEnum)
  kind: SuccessionKind;

  @Field(() => String)
  fromEdition: string;

  @Field(() => String)
  toEdition: string;

  @Field(() => Float, { nullable: true, description: 'Text similarity of the two lines, 0 to 1' })
  similarity: number | null;

  @Field(() => [String], { description: 'Objective codes the two lines share' })
  sharedObjectiveCodes: string[];

  @Field(() => String, { nullable: true, description: 'Where AgID states the correspondence' })
  citation: string | null;

  @Field(() => String, { nullable: true, description: "The reviewer's reason; always given when DROPPED" })
  note: string | null;

  @Field(() => Boolean, {
    description: 'Decided by a person (the reviewed overrides file), not only by the tool',
  })
  reviewed: boolean;
}
