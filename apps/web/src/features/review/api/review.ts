import { graphql } from '../../../gql';

export const ReviewQueueQuery = graphql(`
  query ReviewQueue($consortiumId: ID!) {
    assignments(filter: { consortiumId: $consortiumId, status: [SUBMITTED] }, first: 200) {
      totalCount
      edges {
        node {
          id
          version
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

/** One decision of a batch ("Approva i selezionati", "Respingi i selezionati" with one reason). */
export const BatchReviewMutation = graphql(`
  mutation BatchReview($id: ID!, $expectedVersion: Int!, $decision: ReviewDecision!, $reason: String) {
    reviewAssignment(id: $id, expectedVersion: $expectedVersion, decision: $decision, reason: $reason) {
      id
      status
      version
    }
  }
`);
