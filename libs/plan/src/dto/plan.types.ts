import {
  Field,
  Float,
  GraphQLISODateTime,
  ID,
  InputType,
  Int,
  ObjectType,
  registerEnumType,
} from '@nestjs/graphql';
import { DateScalar } from '@rtd/kernel';

export enum PianoState {
  DRAFT = 'DRAFT',
  APPROVED = 'APPROVED',
  PUBLISHED = 'PUBLISHED',
}
registerEnumType(PianoState, {
  name: 'PianoState',
  description: 'DRAFT (the office edits it) -> APPROVED (date and act) -> PUBLISHED',
});

export enum InterventoAxis {
  SEMPLIFICAZIONE = 'SEMPLIFICAZIONE',
  PROMOZIONE = 'PROMOZIONE',
  COMPETENZE = 'COMPETENZE',
  GOVERNANCE = 'GOVERNANCE',
  NUOVI_SERVIZI = 'NUOVI_SERVIZI',
  INFRASTRUTTURE = 'INFRASTRUTTURE',
}
registerEnumType(InterventoAxis, {
  name: 'InterventoAxis',
  description:
    'Assi di intervento: Semplificazione, Promozione, Competenze, Governance, Nuovi servizi, Infrastrutture e piattaforme trasversali',
});

export enum InterventoHorizon {
  COMPLETED = 'COMPLETED',
  IN_PROGRESS = 'IN_PROGRESS',
  SHORT_TERM = 'SHORT_TERM',
  PROGRAMMED = 'PROGRAMMED',
  MEDIUM_LONG_TERM = 'MEDIUM_LONG_TERM',
  COMPLETED_BEFORE = 'COMPLETED_BEFORE',
  REMOVED = 'REMOVED',
}
registerEnumType(InterventoHorizon, {
  name: 'InterventoHorizon',
  description: 'Horizon class; REMOVED (stralciato) requires a reason',
});

export enum ImplementationState {
  NOT_STARTED = 'NOT_STARTED',
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETED = 'COMPLETED',
  SUSPENDED = 'SUSPENDED',
}
registerEnumType(ImplementationState, { name: 'ImplementationState' });

export enum Level {
  ALTO = 'ALTO',
  MEDIO = 'MEDIO',
  BASSO = 'BASSO',
}
registerEnumType(Level, { name: 'Level', description: 'alto / medio / basso' });

export enum FundingSource {
  OWN_BUDGET = 'OWN_BUDGET',
  REGION = 'REGION',
  PNRR = 'PNRR',
  STATE = 'STATE',
  EUROPEAN_FUNDS = 'EUROPEAN_FUNDS',
  OTHER = 'OTHER',
}
registerEnumType(FundingSource, { name: 'FundingSource' });

export enum IndicatorKind {
  NUMBER = 'NUMBER',
  YES_NO = 'YES_NO',
  PERCENTAGE = 'PERCENTAGE',
}
registerEnumType(IndicatorKind, { name: 'IndicatorKind' });

export enum IndicatorDirection {
  INCREASE = 'INCREASE',
  DECREASE = 'DECREASE',
  MAINTAIN = 'MAINTAIN',
}
registerEnumType(IndicatorDirection, { name: 'IndicatorDirection' });

export enum IndicatorNature {
  REALISATION = 'REALISATION',
  IMPACT = 'IMPACT',
}
registerEnumType(IndicatorNature, { name: 'IndicatorNature' });

export enum IndicatorAggregation {
  SUM = 'SUM',
  MEAN = 'MEAN',
  SHARE_YES = 'SHARE_YES',
}
registerEnumType(IndicatorAggregation, {
  name: 'IndicatorAggregation',
  description: 'How the values of the comuni make the consortium\'s: sum, mean, share of "sì" (percent)',
});

export enum IndicatorFrequency {
  QUARTERLY = 'QUARTERLY',
  SEMIANNUAL = 'SEMIANNUAL',
  ANNUAL = 'ANNUAL',
}
registerEnumType(IndicatorFrequency, {
  name: 'IndicatorFrequency',
  description: 'Periods: QUARTERLY 2026-Q1..Q4, SEMIANNUAL 2026-S1/S2, ANNUAL 2026-A',
});

export enum IndicatorMeasuredBy {
  OFFICE = 'OFFICE',
  COMUNE = 'COMUNE',
}
registerEnumType(IndicatorMeasuredBy, { name: 'IndicatorMeasuredBy' });

@ObjectType('PianoVersion', { description: "A version of the consortium's own Piano (issue 25)" })
export class PianoVersionObject {
  @Field(() => ID)
  id: string;

  /** Resolved where needed. */
  consortiumId: string;

  @Field(() => Int, { description: '1 for the first Piano, then one more for each yearly update' })
  number: number;

  @Field(() => Int, { description: 'The year of the update' })
  year: number;

  @Field(() => String)
  title: string;

  @Field(() => PianoState)
  state: PianoState;

  @Field(() => DateScalar, { nullable: true })
  approvedOn: string | null;

  @Field(() => String, { nullable: true, description: 'e.g. "Conferenza dei Sindaci, verbale n. 3"' })
  approvalAct: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  publishedAt: Date | null;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  @Field(() => ID, { nullable: true, description: 'The version this one was copied from' })
  copiedFromId: string | null;

  @Field(() => Int, { description: 'Optimistic locking of the version record' })
  version: number;
}

@ObjectType('InterventoCost')
export class InterventoCostObject {
  @Field(() => Int)
  year: number;

  @Field(() => Float, { description: 'Initial investment, euro' })
  initial: number;

  @Field(() => Float, { description: 'Running cost of that year, euro' })
  running: number;
}

@InputType('InterventoCostInput')
export class InterventoCostInput {
  @Field(() => Int)
  year: number;

  @Field(() => Float, { defaultValue: 0 })
  initial: number;

  @Field(() => Float, { defaultValue: 0 })
  running: number;
}

@ObjectType('InterventoFunding')
export class InterventoFundingObject {
  @Field(() => FundingSource)
  source: FundingSource;

  @Field(() => Float, { nullable: true })
  amount: number | null;

  @Field(() => String, { nullable: true, description: 'PNRR measure, e.g. "1.4.1"' })
  pnrrMeasure: string | null;

  @Field(() => String, { nullable: true, description: 'Codice Unico di Progetto (15 characters)' })
  cup: string | null;

  @Field(() => String, { nullable: true })
  note: string | null;
}

@InputType('InterventoFundingInput')
export class InterventoFundingInput {
  @Field(() => FundingSource)
  source: FundingSource;

  @Field(() => Float, { nullable: true })
  amount?: number | null;

  @Field(() => String, { nullable: true })
  pnrrMeasure?: string | null;

  @Field(() => String, { nullable: true })
  cup?: string | null;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@ObjectType('PianoLineRef', { description: 'A Piano Triennale line a scheda serves' })
export class PianoLineRefObject {
  @Field(() => String)
  edition: string;

  @Field(() => String)
  code: string;

  @Field(() => String, { nullable: true, description: "The line's text (null if not in the catalogue)" })
  text: string | null;

  @Field(() => Int, { nullable: true })
  chapter: number | null;
}

@InputType('PianoLineInput')
export class PianoLineInput {
  @Field(() => String)
  edition: string;

  @Field(() => String)
  code: string;
}

@ObjectType('PianoComune')
export class PianoComuneObject {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  name: string;
}

@ObjectType('PianoIntervento', { description: 'A scheda intervento of a Piano version' })
export class PianoInterventoObject {
  @Field(() => ID)
  id: string;

  consortiumId: string;

  @Field(() => ID)
  versionId: string;

  @Field(() => ID, { description: 'The same scheda across versions' })
  lineageId: string;

  @Field(() => String)
  code: string;

  @Field(() => String)
  title: string;

  @Field(() => String, { nullable: true, description: 'Responsabile: the office or a U.O.' })
  owner: string | null;

  @Field(() => String, { nullable: true })
  beneficiaries: string | null;

  @Field(() => String, { nullable: true })
  problem: string | null;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field(() => String, { nullable: true })
  expectedResults: string | null;

  @Field(() => String, { nullable: true })
  impact: string | null;

  @Field(() => String, { nullable: true })
  constraints: string | null;

  @Field(() => String, { nullable: true })
  externalParties: string | null;

  @Field(() => String, { nullable: true })
  skills: string | null;

  @Field(() => Level, { nullable: true, description: 'Staff effort' })
  effort: Level | null;

  @Field(() => Level, { nullable: true })
  benefitDirect: Level | null;

  @Field(() => Level, { nullable: true })
  benefitIndirect: Level | null;

  @Field(() => [InterventoCostObject])
  costs: InterventoCostObject[];

  @Field(() => Float, { description: 'Initial investment plus running costs, all years' })
  totalCost: number;

  @Field(() => [InterventoFundingObject])
  funding: InterventoFundingObject[];

  @Field(() => InterventoAxis)
  axis: InterventoAxis;

  @Field(() => InterventoHorizon)
  horizon: InterventoHorizon;

  @Field(() => String, { nullable: true })
  removedReason: string | null;

  @Field(() => ImplementationState)
  implementation: ImplementationState;

  @Field(() => String, { nullable: true, description: 'First semester, e.g. "2026-S1"' })
  startPeriod: string | null;

  @Field(() => String, { nullable: true, description: 'Last semester, e.g. "2027-S2"' })
  endPeriod: string | null;

  @Field(() => [ID], { nullable: true, description: 'Member comuni in scope; null: the whole consortium' })
  comuneIds: string[] | null;

  @Field(() => [PianoLineRefObject])
  lines: PianoLineRefObject[];

  @Field(() => ID, { nullable: true, description: 'The shared objective that carries it out' })
  sharedObjectiveId: string | null;

  @Field(() => Int)
  position: number;

  @Field(() => Int)
  version: number;
}

@InputType('InterventoInput', {
  description: 'A scheda intervento; on update, a field left null keeps its value (clear text with "")',
})
export class InterventoInput {
  @Field(() => String, { nullable: true, description: 'required on create, 1..30 characters' })
  code?: string | null;

  @Field(() => String, { nullable: true, description: 'required on create, 1..300 characters' })
  title?: string | null;

  @Field(() => String, { nullable: true })
  owner?: string | null;

  @Field(() => String, { nullable: true })
  beneficiaries?: string | null;

  @Field(() => String, { nullable: true })
  problem?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => String, { nullable: true })
  expectedResults?: string | null;

  @Field(() => String, { nullable: true })
  impact?: string | null;

  @Field(() => String, { nullable: true })
  constraints?: string | null;

  @Field(() => String, { nullable: true })
  externalParties?: string | null;

  @Field(() => String, { nullable: true })
  skills?: string | null;

  @Field(() => Level, { nullable: true })
  effort?: Level | null;

  @Field(() => Level, { nullable: true })
  benefitDirect?: Level | null;

  @Field(() => Level, { nullable: true })
  benefitIndirect?: Level | null;

  @Field(() => [InterventoCostInput], { nullable: true })
  costs?: InterventoCostInput[] | null;

  @Field(() => [InterventoFundingInput], { nullable: true })
  funding?: InterventoFundingInput[] | null;

  @Field(() => InterventoAxis, { nullable: true, description: 'required on create' })
  axis?: InterventoAxis | null;

  @Field(() => InterventoHorizon, { nullable: true, description: 'required on create' })
  horizon?: InterventoHorizon | null;

  @Field(() => String, { nullable: true })
  removedReason?: string | null;

  @Field(() => ImplementationState, { nullable: true })
  implementation?: ImplementationState | null;

  @Field(() => String, { nullable: true })
  startPeriod?: string | null;

  @Field(() => String, { nullable: true })
  endPeriod?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Member comuni in scope; [] means the whole consortium' })
  comuneIds?: string[] | null;

  @Field(() => [PianoLineInput], { nullable: true })
  lines?: PianoLineInput[] | null;
}

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

@InputType('CreatePianoVersionInput')
export class CreatePianoVersionInput {
  @Field(() => ID)
  consortiumId: string;

  @Field(() => Int)
  year: number;

  @Field(() => String, {
    nullable: true,
    description: 'default "Piano triennale per la transizione al digitale <year>"',
  })
  title?: string | null;
}

@InputType('ApprovePianoVersionInput')
export class ApprovePianoVersionInput {
  @Field(() => DateScalar)
  approvedOn: string;

  @Field(() => String, { description: 'e.g. "Conferenza dei Sindaci, verbale n. 3"' })
  approvalAct: string;
}

@ObjectType('PianoLineCoverage', { description: 'A Piano Triennale line and the schede that serve it' })
export class PianoLineCoverageObject {
  @Field(() => String)
  code: string;

  @Field(() => Int)
  chapter: number;

  @Field(() => String)
  chapterTitle: string;

  @Field(() => String)
  text: string;

  @Field(() => [String], { description: 'Codes of the schede serving it (empty: uncovered)' })
  interventoCodes: string[];

  @Field(() => [String], {
    description:
      "Codes of the schede linked to this line's predecessor or successor in the adjacent edition (the catalogue's line-to-line mapping): they serve it through the mapping",
  })
  mappedInterventoCodes: string[];
}

@ObjectType('PianoCoverage')
export class PianoCoverageObject {
  @Field(() => String)
  edition: string;

  @Field(() => Int)
  totalLines: number;

  @Field(() => Int, { description: 'Lines served by a scheda, directly or through the line-to-line mapping' })
  coveredCount: number;

  @Field(() => [PianoLineCoverageObject], { description: 'Lines addressed to comuni, in order' })
  lines: PianoLineCoverageObject[];
}
