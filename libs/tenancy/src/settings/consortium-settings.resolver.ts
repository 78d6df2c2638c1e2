import { Args, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, RequestContext } from '@rtd/kernel';
import { ConsortiumObject } from '../dto/consortium.object';
import { ConsortiumSettingsService } from './consortium-settings.service';
import { ConsortiumSettingsObject, UpdateConsortiumSettingsInput } from './consortium-settings.types';

@Resolver(() => ConsortiumObject)
export class ConsortiumSettingsResolver {
  constructor(private readonly service: ConsortiumSettingsService) {}

  @ResolveField(() => ConsortiumSettingsObject, {
    nullable: true,
    description:
      "The settings its RTD decides: for the consortium's office (RTD, staff, auditor), null for anyone else",
  })
  settings(
    @Ctx() ctx: RequestContext,
    @Parent() consortium: ConsortiumObject,
  ): Promise<ConsortiumSettingsObject | null> {
    return this.service.get(ctx, consortium.id);
  }

  @Mutation(() => ConsortiumSettingsObject, { description: 'The RTD of the consortium only' })
  updateConsortiumSettings(
    @Ctx() ctx: RequestContext,
    @Args('input', { type: () => UpdateConsortiumSettingsInput }) input: UpdateConsortiumSettingsInput,
  ): Promise<ConsortiumSettingsObject> {
    return this.service.update(ctx, input);
  }
}
