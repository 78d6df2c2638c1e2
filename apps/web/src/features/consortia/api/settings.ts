import { graphql } from '../../../gql';

export const ConsortiumSettingsQuery = graphql(`
  query ConsortiumSettings($id: ID!) {
    consortium(id: $id) {
      id
      settings {
        consortiumId
        officeReportsForComuni
        canUpdate
      }
    }
  }
`);

export const UpdateConsortiumSettingsMutation = graphql(`
  mutation UpdateConsortiumSettings($input: UpdateConsortiumSettingsInput!) {
    updateConsortiumSettings(input: $input) {
      consortiumId
      officeReportsForComuni
      canUpdate
    }
  }
`);
