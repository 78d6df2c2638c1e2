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

@ObjectType('TargetPreview', {
  description: 'The members of the consortium a target would reach now, as publishing would select them',
})
export class TargetPreviewObject {
  @Field(() => Int)
  count: number;

  @Field(() => [ComuneObject], { description: 'sorted by name' })
  comuni: ComuneObject[];
}
