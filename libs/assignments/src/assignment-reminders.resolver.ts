import { Args, ID, Int, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, RequestContext } from '@rtd/kernel';
import { AssignmentRemindersService } from './assignment-reminders.service';
import { AssignmentObject } from './dto/assignment.types';

@Resolver(() => AssignmentObject)
export class AssignmentRemindersResolver {
  constructor(private readonly reminders: AssignmentRemindersService) {}

  @Mutation(() => AssignmentObject, {
    description:
      "Sollecita: the office reminds the comune of an open assignment; at most once per assignment and day (CONFLICT otherwise), recorded in its history and the audit log (assignment.remind), mailed to the comune's referents and delegate",
  })
  remindAssignment(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string) {
    return this.reminders.remind(ctx, id);
  }

  @Mutation(() => Int, {
    description:
      "Sollecita from the Cruscotto: every open activity of the comune not yet reminded today, each in its history and the audit log, one mail to the comune's people listing them; how many (CONFLICT when none)",
  })
  remindComune(
    @Ctx() ctx: RequestContext,
    @Args('consortiumId', { type: () => ID }) consortiumId: string,
    @Args('comuneId', { type: () => ID }) comuneId: string,
  ): Promise<number> {
    return this.reminders.remindComune(ctx, consortiumId, comuneId);
  }

  @ResolveField(() => Boolean, {
    description:
      'Whether the caller may send a Sollecita now (the office, on an open assignment of a published objective, not yet reminded today)',
  })
  canRemind(@Ctx() ctx: RequestContext, @Parent() assignment: AssignmentObject): Promise<boolean> {
    return this.reminders.canRemind(ctx, assignment);
  }
}
