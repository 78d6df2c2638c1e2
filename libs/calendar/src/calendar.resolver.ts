import { Mutation, Query, Resolver } from '@nestjs/graphql';
import { Ctx, RequestContext } from '@rtd/kernel';
import { CalendarService } from './calendar.service';
import { CalendarFeedObject } from './dto/calendar-feed.object';

@Resolver(() => CalendarFeedObject)
export class CalendarResolver {
  constructor(private readonly calendars: CalendarService) {}

  @Query(() => CalendarFeedObject, {
    description:
      "The caller's private calendar feed of deadlines (created on first ask): a referent's comune assignments, a delegate's delegated ones, the office's objectives",
  })
  calendarFeed(@Ctx() ctx: RequestContext): Promise<CalendarFeedObject> {
    return this.calendars.feed(ctx);
  }

  @Mutation(() => CalendarFeedObject, {
    description: "A new secret URL for the caller's calendar feed; the old one answers 404 from now on",
  })
  regenerateCalendarFeed(@Ctx() ctx: RequestContext): Promise<CalendarFeedObject> {
    return this.calendars.regenerate(ctx);
  }
}
