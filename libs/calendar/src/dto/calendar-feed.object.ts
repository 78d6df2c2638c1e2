import { Field, GraphQLISODateTime, ObjectType } from '@nestjs/graphql';

@ObjectType('CalendarFeed', {
  description:
    "The caller's private calendar feed (iCalendar, RFC 5545) of their deadlines: whoever has the URL reads it, without logging in",
})
export class CalendarFeedObject {
  @Field(() => String, {
    description:
      'the secret address to subscribe to in a calendar application; regenerateCalendarFeed replaces it',
  })
  url: string;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'when the address was last replaced' })
  regeneratedAt: Date | null;
}
