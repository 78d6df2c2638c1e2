import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, Page, RequestContext } from '@rtd/kernel';
import { ComuneObject } from './dto/comune.object';
import { ComuneConnection, ConsortiumObject } from './dto/consortium.object';
import { CreateConsortiumInput } from './dto/create-consortium.input';
import { TenancyService } from './tenancy.service';

@Resolver(() => ConsortiumObject)
export class ConsortiumResolver {
  constructor(private readonly tenancy: TenancyService) {}

  @Query(() => [ConsortiumObject], { description: 'The consortia the caller may see' })
  consortia(@Ctx() ctx: RequestContext): Promise<ConsortiumObject[]> {
    return this.tenancy.listConsortia(ctx);
  }

  @Query(() => ConsortiumObject, { nullable: true })
  consortium(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<ConsortiumObject> {
    return this.tenancy.getConsortium(ctx, id);
  }

  @Mutation(() => ConsortiumObject, { description: 'PLATFORM_ADMIN only' })
  createConsortium(
    @Ctx() ctx: RequestContext,
    @Args('input', { type: () => CreateConsortiumInput }) input: CreateConsortiumInput,
  ): Promise<ConsortiumObject> {
    return this.tenancy.createConsortium(ctx, input);
  }

  @ResolveField(() => Int)
  comuneCount(@Ctx() ctx: RequestContext, @Parent() consortium: ConsortiumObject): Promise<number> {
    return this.tenancy.memberCount(ctx, consortium.id);
  }

  @ResolveField(() => ComuneConnection)
  comuni(
    @Ctx() ctx: RequestContext,
    @Parent() consortium: ConsortiumObject,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<Page<ComuneObject>> {
    return this.tenancy.members(ctx, consortium.id, { first, after });
  }
}

@Resolver(() => ComuneObject)
export class ComuneResolver {
  constructor(private readonly tenancy: TenancyService) {}

  @Query(() => ComuneObject, { nullable: true })
  comune(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<ComuneObject> {
    return this.tenancy.getComune(ctx, id);
  }

  @Query(() => ComuneObject, { nullable: true })
  comuneByIstatCode(@Ctx() ctx: RequestContext, @Args('istatCode') istatCode: string): Promise<ComuneObject> {
    return this.tenancy.getComuneByIstatCode(ctx, istatCode);
  }

  @ResolveField(() => ConsortiumObject, { nullable: true })
  consortium(@Ctx() ctx: RequestContext, @Parent() comune: ComuneObject): Promise<ConsortiumObject | null> {
    return this.tenancy.consortiumOfComune(ctx, comune.id);
  }
}
