import { graphql } from '../../../gql';

export const CatalogEditionsQuery = graphql(`
  query CatalogEditions {
    planEditions {
      code
      title
      lineCount
      periodFrom
      periodTo
      status
      supersedes
      supersededBy
      importedAt
      source {
        description
        url
        revision
      }
    }
  }
`);

/** Chapters and objectives of an edition, for the filters: every line, only the fields they need. */
export const CatalogIndexQuery = graphql(`
  query CatalogIndex($edition: String!) {
    planLines(edition: $edition, first: 500) {
      totalCount
      edges {
        node {
          id
          chapter
          chapterTitle
          objectiveCodes
        }
      }
    }
  }
`);

export const CatalogLinesQuery = graphql(`
  query CatalogLines($edition: String!, $chapter: Int, $search: String, $first: Int, $after: String) {
    planLines(edition: $edition, chapter: $chapter, search: $search, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...PlanLineFacts
          objectiveCodes
          successors {
            kind
            note
            reviewed
            toEdition
            line {
              id
              code
            }
          }
          predecessors {
            kind
            fromEdition
            line {
              id
              code
            }
          }
        }
      }
    }
  }
`);
