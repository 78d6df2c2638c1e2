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

export const ImportStatusesMutation = graphql(`
  mutation ImportStatuses($input: StatusImportInput!) {
    importStatuses(input: $input) {
      dryRun
      applied
      format
      rowsRead
      unchanged
      changes {
        sheet
        row
        assignmentId
        comuneName
        lineCode
        fromStatus
        toStatus
        fromProgress
        toProgress
        issuesChanged
      }
      errors {
        sheet
        row
        column
        reason
      }
    }
  }
`);
