import { Field, GraphQLISODateTime, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ROLES } from '@rtd/authz';
import type { Role } from '@rtd/authz';

export const RoleEnum = Object.fromEntries(ROLES.map((role) => [role, role])) as { [R in Role]: R };
registerEnumType(RoleEnum, { name: 'Role' });

@ObjectType('Membership')
export class MembershipObject {
  @Field(() => ID)
  id: string;

  @Field(() => RoleEnum)
  role: Role;

  /** Resolved by MembershipResolver.consortium. */
  consortiumId: string | null;

  /** Resolved by MembershipResolver.comune. */
  comuneId: string | null;

  @Field(() => String, { nullable: true, description: 'REGIONAL_OBSERVER only' })
  regionCode: string | null;

  @Field(() => GraphQLISODateTime)
  grantedAt: Date;

  /** Resolved by MembershipResolver.person. */
  personId: string | null;
}

@ObjectType('PersonProfile', {
  description: 'A person holding a role, as seen by who manages that role (RTD office, referent)',
})
export class PersonProfileObject {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  fiscalCode: string;

  @Field(() => String, { nullable: true })
  displayName: string | null;

  @Field(() => String, { nullable: true })
  email: string | null;
}

@ObjectType('Me')
export class MeObject {
  @Field(() => String, { description: 'OIDC `sub`, or the client id of a machine client' })
  subject: string;

  @Field(() => String, { nullable: true })
  fiscalCode: string | null;

  @Field(() => String, { nullable: true })
  displayName: string | null;

  @Field(() => [MembershipObject])
  memberships: MembershipObject[];
}

@InputType('GrantRoleInput', {
  description:
    'Exactly one of fiscalCode (a person) or clientId (a machine client); the scope fields the role needs',
})
export class GrantRoleInput {
  @Field(() => String, { nullable: true })
  fiscalCode?: string | null;

  @Field(() => String, { nullable: true })
  clientId?: string | null;

  @Field(() => RoleEnum)
  role: Role;

  @Field(() => ID, { nullable: true })
  consortiumId?: string | null;

  @Field(() => ID, { nullable: true })
  comuneId?: string | null;

  @Field(() => String, { nullable: true })
  regionCode?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'For a person new to RTD Hub: recorded with the fiscal code until their first login',
  })
  givenName?: string | null;

  @Field(() => String, { nullable: true, description: 'See givenName' })
  familyName?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'See givenName; where the mails go before the first login',
  })
  email?: string | null;
}

@ObjectType('MembershipAbilities', {
  description:
    "What a role lets its holder do, answered by the server's ability factory (the web app shows pages and controls from it and keeps no copy of the rules)",
})
export class MembershipAbilitiesObject {
  @Field(() => Boolean, { description: "reads its comune's activities (referent, delegate, viewer)" })
  readsComuneActivities: boolean;

  @Field(() => Boolean, { description: "imports its comune's statuses from a monitoring sheet (referent)" })
  importsComuneStatuses: boolean;

  @Field(() => Boolean, {
    description: "reads the consortium's dashboard, objectives, review queue and people",
  })
  readsConsortium: boolean;

  @Field(() => Boolean, { description: "writes objectives, reviews reports, edits the consortium's Piano" })
  managesConsortium: boolean;

  @Field(() => Boolean, { description: 'grants and revokes the roles of the consortium and its comuni' })
  grantsConsortiumRoles: boolean;

  @Field(() => Boolean, { description: "reads the consortium's audit log" })
  readsAuditLog: boolean;

  @Field(() => Boolean, { description: "records values of the Piano's indicators" })
  recordsIndicators: boolean;

  @Field(() => Boolean, { description: "reads the region's aggregates" })
  readsRegion: boolean;

  @Field(() => Boolean, { description: 'creates consortia and names their RTD' })
  createsConsortia: boolean;
}
