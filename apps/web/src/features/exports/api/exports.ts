import { graphql } from '../../../gql';

export const RequestExportMutation = graphql(`
  mutation RequestExport($input: ExportRequestInput!) {
    requestExport(input: $input) {
      id
      state
      fileName
      downloadUrl
      downloadExpiresAt
    }
  }
`);
