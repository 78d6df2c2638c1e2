import { Field, Float, GraphQLISODateTime, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { DateScalar } from '@rtd/kernel';
import {
  FundingSource,
  ImplementationState,
  InterventoAxis,
  InterventoHorizon,
  Level,
  PianoState,
} from './plan.enums';

export * from './plan.enums';
export * from './indicator.types';
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
