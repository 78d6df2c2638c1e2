import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionOf, DateScalar } from '@rtd/kernel';
import { ComuneObject } from '@rtd/tenancy';

export enum ObjectiveState {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  CLOSED = 'CLOSED',
}
registerEnumType(ObjectiveState, { name: 'ObjectiveState' });

export enum PushState {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  DONE = 'DONE',
  FAILED = 'FAILED',
}
registerEnumType(PushState, { name: 'PushState' });

@InputType('TargetInput', {
  description: 'Members of the consortium receiving the objective; filters are AND-ed',
})
export class TargetInput {
  @Field(() => Boolean, { nullable: true })
  all?: boolean | null;

  @Field(() => [ID], { nullable: true })
  comuneIds?: string[] | null;

  @Field(() => Int, { nullable: true })
  minPopulation?: number | null;

  @Field(() => Int, { nullable: true })
  maxPopulation?: number | null;

  @Field(() => [String], { nullable: true })
  provinceCodes?: string[] | null;
}

@ObjectType('Target', { description: 'The target as stored, after inheriting the lines applicability' })
export class TargetObject {
  @Field(() => Boolean)
  all: boolean;

  @Field(() => [ID], { nullable: true })
  comuneIds: string[] | null;

  @Field(() => Int, { nullable: true })
  minPopulation: number | null;

  @Field(() => Int, { nullable: true })
  maxPopulation: number | null;

  @Field(() => [String], { nullable: true })
  provinceCodes: string[] | null;
}

@InputType('CreateSharedObjectiveInput')
export class CreateSharedObjectiveInput {
  @Field(() => ID)
  consortiumId: string;

  @Field(() => String, { description: '1..200 characters' })
  title: string;

  @Field(() => String, { nullable: true, description: 'up to 10,000 characters' })
  description?: string | null;

  @Field(() => String)
  edition: string;

  @Field(() => [String], { description: 'at least one, all of that edition' })
  lineCodes: string[];

  @Field(() => DateScalar, { nullable: true })
  dueDate?: string | null;

  @Field(() => TargetInput)
  target: TargetInput;
}

@InputType('UpdateSharedObjectiveInput')
export class UpdateSharedObjectiveInput {
  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => [String], { nullable: true })
  lineCodes?: string[] | null;

  @Field(() => DateScalar, { nullable: true })
  dueDate?: string | null;

  @Field(() => TargetInput, { nullable: true })
  target?: TargetInput | null;
}

@ObjectType('SharedObjective')
export class SharedObjectiveObject {
  @Field(() => ID)
  id: string;

  /** Resolved by SharedObjectiveResolver.consortium. */
  consortiumId: string;

  @Field(() => String)
  title: string;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field(() => String)
  edition: string;

  @Field(() => DateScalar, { nullable: true })
  dueDate: string | null;

  @Field(() => ObjectiveState)
  state: ObjectiveState;

  @Field(() => Int)
  version: number;

  @Field(() => TargetObject)
  target: TargetObject;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  publishedAt: Date | null;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'when the RTD office closed it; null unless state is CLOSED',
  })
  closedAt: Date | null;

  /** Resolved by SharedObjectiveResolver.carriedFrom. */
  carriedFromId: string | null;
}

@ObjectType('SharedObjectiveConnection')
export class SharedObjectiveConnection extends ConnectionOf(SharedObjectiveObject, 'SharedObjective') {}

@ObjectType('PushRun')
export class PushRunObject {
  @Field(() => ID)
  id: string;

  /** Resolved by PushRunResolver.objective. */
  objectiveId: string;

  @Field(() => PushState)
  state: PushState;

  @Field(() => Int)
  targeted: number;

  @Field(() => Int, { description: 'assignments this run created' })
  created: number;

  @Field(() => Int, { description: 'targeted municipalities that already had one' })
  skipped: number;

  @Field(() => GraphQLISODateTime, { nullable: true })
  startedAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  finishedAt: Date | null;
}

@ObjectType('TargetExclusion', { description: 'A member of the consortium the target leaves out, and why' })
export class TargetExclusionObject {
  @Field(() => ComuneObject)
  comune: ComuneObject;

  @Field(() => [String], {
    description:
      'In Italian, one per cause: "CAP5.PA.10: fuori dalla fascia 5.000-10.000 abitanti", "CAP3.PA.12: linea rivolta alle Regioni ...", "provincia non scelta"',
  })
  reasons: string[];
}

@ObjectType('TargetLineCondition', {
  description: 'A condition of a chosen line that no data decides, for the office to check',
})
export class TargetLineConditionObject {
  @Field(() => String)
  lineCode: string;

  @Field(() => String, {
    description: 'As the line says it, e.g. "non ancora presente nel 2024 nel catalogo dati.gov.it"',
  })
  text: string;
}

@ObjectType('TargetPreview', {
  description: 'The members of the consortium a target would reach now, as publishing would select them',
})
export class TargetPreviewObject {
  @Field(() => Int)
  count: number;

  @Field(() => [ComuneObject], { description: 'sorted by name' })
  comuni: ComuneObject[];

  @Field(() => [TargetExclusionObject], {
    description: 'The members left out, sorted by name, each with its reasons',
  })
  excluded: TargetExclusionObject[];

  @Field(() => [TargetLineConditionObject], {
    description: 'Conditions of the chosen lines left to the office',
  })
  conditions: TargetLineConditionObject[];
}

@ObjectType('CarriedLine', {
  description: 'A line of the objective and where it leads in the edition carried to',
})
export class CarriedLineObject {
  /** Resolved by CarriedLineResolver.from. */
  fromLineId: string;

  /** Resolved by CarriedLineResolver.to. */
  toLineIds: string[];

  @Field(() => String, {
    nullable: true,
    description: "Why the line has no successor there (the reviewer's reason)",
  })
  droppedNote: string | null;
}

@ObjectType('CarryForwardPreview', {
  description:
    'What carrying an objective forward would do: its lines and their successors in the edition carried to',
})
export class CarryForwardPreviewObject {
  @Field(() => String)
  toEdition: string;

  @Field(() => [CarriedLineObject])
  lines: CarriedLineObject[];

  @Field(() => Int, { description: 'Distinct successor lines the new draft would hold' })
  successorCount: number;
}
