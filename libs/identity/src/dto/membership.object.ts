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
