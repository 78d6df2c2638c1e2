import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, RequestContext } from '@rtd/kernel';
import { ComuneObject, ConsortiumObject } from '@rtd/tenancy';
import {
  GrantRoleInput,
  MeObject,
  MembershipAbilitiesObject,
  MembershipObject,
  PersonProfileObject,
} from './dto/membership.object';
import { IdentityService } from './identity.service';

@Resolver(() => MembershipObject)
export class MembershipResolver {
  constructor(private readonly identity: IdentityService) {}

  @Query(() => MeObject)
  me(@Ctx() ctx: RequestContext): Promise<MeObject> {
    return this.identity.me(ctx);
  }

  @Query(() => [MembershipObject], {
    description:
      "The people holding a role in a municipality (for its consortium's RTD office, staff and auditors, its referent, the operator)",
  })
  comuneMembers(
    @Ctx() ctx: RequestContext,
    @Args('comuneId', { type: () => ID }) comuneId: string,
  ): Promise<MembershipObject[]> {
    return this.identity.comuneMembers(ctx, comuneId);
  }

  @Query(() => [MembershipObject], {
    description:
      "Every active role in a consortium and its municipalities: office roles first, then by municipality (for the consortium's RTD office, staff and auditors, the operator); person is null for a machine client",
  })
  consortiumMemberships(
    @Ctx() ctx: RequestContext,
    @Args('consortiumId', { type: () => ID }) consortiumId: string,
  ): Promise<MembershipObject[]> {
    return this.identity.consortiumMemberships(ctx, consortiumId);
  }

  @Mutation(() => MembershipObject)
  grantRole(
    @Ctx() ctx: RequestContext,
    @Args('input', { type: () => GrantRoleInput }) input: GrantRoleInput,
  ): Promise<MembershipObject> {
    return this.identity.grantRole(ctx, input);
  }

  @Mutation(() => Boolean)
  revokeRole(
    @Ctx() ctx: RequestContext,
    @Args('membershipId', { type: () => ID }) membershipId: string,
  ): Promise<boolean> {
    return this.identity.revokeRole(ctx, membershipId);
  }

  @ResolveField(() => ConsortiumObject, { nullable: true })
  consortium(@Ctx() ctx: RequestContext, @Parent() membership: MembershipObject) {
    return this.identity.consortiumOf(ctx, membership);
  }

  @ResolveField(() => PersonProfileObject, {
    nullable: true,
    description: 'the person holding the role; null for a machine client',
  })
  person(@Ctx() ctx: RequestContext, @Parent() membership: MembershipObject) {
    return this.identity.personOf(ctx, membership);
  }

  @ResolveField(() => Boolean, { description: 'whether the caller may revoke this role now' })
  canRevoke(@Ctx() ctx: RequestContext, @Parent() membership: MembershipObject) {
    return this.identity.canRevoke(ctx, membership);
  }

  @ResolveField(() => MembershipAbilitiesObject, {
    description: 'what this role lets its holder do (the ability factory asked with this membership alone)',
  })
  abilities(@Parent() membership: MembershipObject): MembershipAbilitiesObject {
    return this.identity.abilitiesOf(membership);
  }

  @ResolveField(() => String, {
    nullable: true,
    description: 'REGIONAL_OBSERVER only: the name of the region ("Lombardia")',
  })
  regionName(@Ctx() ctx: RequestContext, @Parent() membership: MembershipObject) {
    return this.identity.regionNameOf(ctx, membership);
  }

  @ResolveField(() => ComuneObject, { nullable: true })
  comune(@Ctx() ctx: RequestContext, @Parent() membership: MembershipObject) {
    return this.identity.comuneOf(ctx, membership);
  }
}
