import { graphql } from '../../../gql';

export const AuditLogQuery = graphql(`
  query AuditLog(
    $consortiumId: ID!
    $first: Int
    $after: String
    $from: Date
    $to: Date
    $actor: String
    $action: String
    $comuneId: ID
  ) {
    auditLog(
      consortiumId: $consortiumId
      first: $first
      after: $after
      from: $from
      to: $to
      actor: $actor
      action: $action
      comuneId: $comuneId
    ) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          at
          actor
          actorName
          action
          entityType
          entityId
          detailsJson
          subjectName
          comune {
            id
            name
          }
        }
      }
    }
  }
`);

/** The consortium's comuni, for the filter by comune. */
export const AuditComuniQuery = graphql(`
  query AuditComuni($consortiumId: ID!) {
    consortium(id: $consortiumId) {
      id
      comuni(first: 500) {
        edges {
          node {
            id
            name
          }
        }
      }
    }
  }
`);
