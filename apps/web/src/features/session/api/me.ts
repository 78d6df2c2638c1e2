import { graphql } from '../../../gql';

export const MeQuery = graphql(`
  query Me {
    me {
      subject
      displayName
      fiscalCode
      memberships {
        id
        role
        regionCode
        regionName
        comune {
          id
          name
          istatCode
        }
        consortium {
          id
          name
        }
        abilities {
          readsComuneActivities
          importsComuneStatuses
          readsConsortium
          managesConsortium
          grantsConsortiumRoles
          readsAuditLog
          recordsIndicators
          readsRegion
          createsConsortia
        }
      }
    }
  }
`);
