import { graphql } from '../../../gql';

export const ReviewQueueQuery = graphql(`
  query ReviewQueue($consortiumId: ID!) {
    assignments(filter: { consortiumId: $consortiumId, status: [SUBMITTED] }, first: 200) {
      totalCount
      edges {
        node {
          id
          progress
          updatedAt
          dueDate
          overdue
          comune {
            id
            name
          }
          objective {
            id
            title
            lines {
              id
              code
            }
          }
          evidence {
            id
          }
        }
      }
    }
  }
`);
