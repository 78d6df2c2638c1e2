import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionOf, DateScalar } from '@rtd/kernel';
import { ASSIGNMENT_ACTIONS, STATUSES } from '../workflow';
import type { AssignmentAction, AssignmentStatus, ObjectiveState } from '../workflow';

export const AssignmentStatusEnum = Object.fromEntries(STATUSES.map((s) => [s, s])) as {
  [S in AssignmentStatus]: S;
};
registerEnumType(AssignmentStatusEnum, { name: 'AssignmentStatus' });

export const AssignmentActionEnum = Object.fromEntries(ASSIGNMENT_ACTIONS.map((a) => [a, a])) as {
  [A in AssignmentAction]: A;
};
registerEnumType(AssignmentActionEnum, {
  name: 'AssignmentAction',
  description: 'A move the caller may make on an assignment now',
});

export enum EvidenceKind {
  URL = 'URL',
  NOTE = 'NOTE',
  FILE = 'FILE',
}
registerEnumType(EvidenceKind, {
  name: 'EvidenceKind',
  valuesMap: {
    FILE: { description: 'a file, uploaded through createEvidenceUpload (docs/evidence-files.md)' },
  },
});

export enum ReviewDecision {
  APPROVE = 'APPROVE',
  REJECT = 'REJECT',
}
registerEnumType(ReviewDecision, { name: 'ReviewDecision' });

@ObjectType('Person')
export class PersonObject {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true })
  displayName: string | null;
}

@ObjectType('Evidence')
export class EvidenceObject {
  @Field(() => ID)
  id: string;

  @Field(() => EvidenceKind)
  kind: EvidenceKind;

  @Field(() => String, { nullable: true, description: 'http(s) only' })
  url: string | null;

  @Field(() => String)
  description: string;

  @Field(() => GraphQLISODateTime)
  addedAt: Date;

  /** Resolved by EvidenceResolver.addedBy. */
  addedByPersonId: string | null;

  assignmentId: string;

  @Field(() => String, { nullable: true, description: 'FILE: the cleaned name the file is offered under' })
  fileName: string | null;

  @Field(() => String, { nullable: true, description: 'FILE: the type decided from the content' })
  contentType: string | null;

  @Field(() => Int, { nullable: true, description: 'FILE: the size in bytes' })
  size: number | null;

  @Field(() => String, { nullable: true, description: 'FILE: SHA-256 of the content, hexadecimal' })
  sha256: string | null;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'when it was removed (Assignment.removedEvidence); null while current',
  })
  removedAt: Date | null;

  /** Resolved by EvidenceResolver.removedBy. */
  removedByPersonId: string | null;
}

@ObjectType('EvidenceUpload', {
  description: 'Where to POST the bytes of one file (the body, raw), with the bearer token, before expiresAt',
})
export class EvidenceUploadObject {
  @Field(() => String)
  url: string;

  @Field(() => GraphQLISODateTime)
  expiresAt: Date;

  @Field(() => Int, { description: 'the largest file accepted, in bytes' })
  maxBytes: number;
}

@ObjectType('StatusEvent')
export class StatusEventObject {
  @Field(() => GraphQLISODateTime)
  at: Date;

  @Field(() => AssignmentStatusEnum, { nullable: true })
  from: AssignmentStatus | null;

  @Field(() => AssignmentStatusEnum)
  to: AssignmentStatus;

  @Field(() => Int)
  progress: number;

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'the criticità as this step set it: empty when it was cleared, null when the step left it unchanged',
  })
  issues: string | null;

  @Field(() => Boolean, {
    description:
      "Entered by the RTD office on the comune's behalf (a consortium-wide status import, where the consortium's RTD allows it: ConsortiumSettings.officeReportsForComuni); actor says who, note from which file and row",
  })
  onBehalfOfComune: boolean;

  /** Resolved by StatusEventResolver.actor. */
  actorPersonId: string | null;
}

@ObjectType('Assignment')
export class AssignmentObject {
  @Field(() => ID)
  id: string;

  objectiveId: string;
  comuneId: string;
  consortiumId: string;
  delegatePersonId: string | null;
  /** The state of its shared objective: a CLOSED one freezes the report (not exposed here; see SharedObjective.state). */
  objectiveState: ObjectiveState;

  @Field(() => AssignmentStatusEnum)
  status: AssignmentStatus;

  @Field(() => Int, { description: '0..100, the "stato di avanzamento" (SAL)' })
  progress: number;

  @Field(() => DateScalar, { nullable: true, description: "the objective's unless overridden" })
  dueDate: string | null;

  @Field(() => Boolean, {
    description: 'dueDate passed (Europe/Rome) and status not COMPLETED / NOT_APPLICABLE',
  })
  overdue: boolean;

  @Field(() => String, { nullable: true, description: '"criticità"' })
  issues: string | null;

  @Field(() => Int)
  version: number;

  @Field(() => GraphQLISODateTime)
  updatedAt: Date;
}

@ObjectType('AssignmentConnection')
export class AssignmentConnection extends ConnectionOf(AssignmentObject, 'Assignment') {}

@InputType('AssignmentFilter')
export class AssignmentFilter {
  @Field(() => ID, { nullable: true })
  consortiumId?: string | null;

  @Field(() => ID, { nullable: true })
  comuneId?: string | null;

  @Field(() => ID, { nullable: true })
  objectiveId?: string | null;

  @Field(() => [AssignmentStatusEnum], { nullable: true })
  status?: AssignmentStatus[] | null;

  @Field(() => Boolean, { nullable: true })
  overdue?: boolean | null;
}

@InputType('UpdateAssignmentInput', {
  description:
    'A municipality may set NOT_STARTED or IN_PROGRESS here; SUBMITTED goes through submitAssignment',
})
export class UpdateAssignmentInput {
  @Field(() => AssignmentStatusEnum, { nullable: true })
  status?: AssignmentStatus | null;

  @Field(() => Int, { nullable: true })
  progress?: number | null;

  @Field(() => String, { nullable: true })
  issues?: string | null;

  @Field(() => String, { nullable: true })
  note?: string | null;
}
