import { graphql } from '../../../gql';

export const PeopleConsortiumQuery = graphql(`
  query PeopleConsortium($consortiumId: ID!) {
    consortium(id: $consortiumId) {
      id
      name
      comuni(first: 500) {
        totalCount
        edges {
          node {
            id
            name
            istatCode
          }
        }
      }
    }
  }
`);

export const PeopleMembershipsQuery = graphql(`
  query PeopleMemberships($consortiumId: ID!) {
    consortiumMemberships(consortiumId: $consortiumId) {
      id
      role
      canRevoke
      grantedAt
      comune {
        id
        name
      }
      person {
        id
        displayName
        fiscalCode
        email
      }
    }
  }
`);

export const PeopleGrantRoleMutation = graphql(`
  mutation PeopleGrantRole($input: GrantRoleInput!) {
    grantRole(input: $input) {
      id
      role
      comune {
        id
        name
      }
      person {
        id
        displayName
        fiscalCode
      }
    }
  }
`);

export const PeopleRevokeRoleMutation = graphql(`
  mutation PeopleRevokeRole($membershipId: ID!) {
    revokeRole(membershipId: $membershipId)
  }
`);
