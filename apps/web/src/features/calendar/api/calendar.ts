import { graphql } from '../../../gql';

export const CalendarFeedQuery = graphql(`
  query CalendarFeed {
    calendarFeed {
      url
      createdAt
      regeneratedAt
    }
  }
`);

export const RegenerateCalendarFeedMutation = graphql(`
  mutation RegenerateCalendarFeed {
    regenerateCalendarFeed {
      url
      createdAt
      regeneratedAt
    }
  }
`);
