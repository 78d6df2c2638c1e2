import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { ConnectionOf } from '@rtd/kernel';

@ObjectType('AuditEntry')
export class AuditEntryObject {
  @Field(() => ID)
  id: string;

  @Field(() => GraphQLISODateTime)
  at: Date;

  @Field(() => String, { description: 'subject of the caller' })
  actor: string;

  @Field(() => String, {
    nullable: true,
    description:
      'display name of the person who acted; null for a machine client, the system or a person with no name yet',
  })
  actorName: string | null;

  @Field(() => String, { description: 'e.g. "objective.publish", "assignment.review"' })
  action: string;

  @Field(() => String)
  entityType: string;

  @Field(() => String)
  entityId: string;

  @Field(() => String, { nullable: true, description: 'request id, to find the request in the logs' })
  requestId: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'what the entry recorded besides the entity (role granted, decision, ...), as a JSON object',
  })
  detailsJson: string | null;

  /** Resolved by AuditLogResolver.comune. */
  comuneId: string | null;
}

@ObjectType('AuditEntryConnection')
export class AuditEntryConnection extends ConnectionOf(AuditEntryObject, 'AuditEntry') {}
