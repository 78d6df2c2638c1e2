import { graphql } from '../../../gql';

export const ComuneWorklistQuery = graphql(`
  query ComuneWorklist($comuneId: ID!, $after: String) {
    assignments(filter: { comuneId: $comuneId }, first: 200, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          status
          progress
          dueDate
          overdue
          updatedAt
          delegate {
            displayName
          }
          objective {
            id
            title
            edition
            state
            closedAt
            lines {
              id
              code
            }
          }
        }
      }
    }
  }
`);
