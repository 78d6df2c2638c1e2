import { graphql } from '../../../gql';

export const ComuneSheetQuery = graphql(`
  query ComuneSheet($id: ID!) {
    comune(id: $id) {
      id
      name
      istatCode
      population
      populationDate
      provinceName
      regionName
      consortium {
        id
        name
      }
    }
  }
`);

export const ComuneSheetMembersQuery = graphql(`
  query ComuneSheetMembers($comuneId: ID!) {
    comuneMembers(comuneId: $comuneId) {
      id
      role
      grantedAt
      person {
        id
        displayName
        fiscalCode
        email
      }
    }
  }
`);

export const ComuneSheetAssignmentsQuery = graphql(`
  query ComuneSheetAssignments($comuneId: ID!) {
    assignments(filter: { comuneId: $comuneId }, first: 200) {
      totalCount
      edges {
        node {
          id
          status
          progress
          dueDate
          overdue
          updatedAt
          objective {
            id
            title
            edition
          }
        }
      }
    }
  }
`);

export const ComunePnrrQuery = graphql(`
  query ComunePnrr($id: ID!) {
    comune(id: $id) {
      id
      name
      pnrr {
        ownAmount
        territoryAmount
        schoolsAmount
        otherBodiesAmount
        measures {
          measure {
            code
            title
            asOf
          }
          ownAmount
          applications {
            amount
            countedAmount
            status
            statusDate
            cup
            asOf
            call {
              title
            }
          }
        }
      }
    }
  }
`);

export const ComuneStateOfTheArtQuery = graphql(`
  query ComuneStateOfTheArt($comuneId: ID!) {
    comuneStateOfTheArt(comuneId: $comuneId) {
      comuneId
      text
      updatedAt
      canEdit
    }
  }
`);

export const SetComuneStateOfTheArtMutation = graphql(`
  mutation SetComuneStateOfTheArt($input: SetComuneStateOfTheArtInput!) {
    setComuneStateOfTheArt(input: $input) {
      comuneId
      text
      updatedAt
      canEdit
    }
  }
`);
