import { graphql } from '../../../gql';

export const RequestExportMutation = graphql(`
  mutation RequestExport($input: ExportRequestInput!) {
    requestExport(input: $input) {
      id
      state
      progress
      fileName
      downloadUrl
      downloadExpiresAt
    }
  }
`);

/** A file's state while the worker builds it; once COMPLETED, with a fresh signed link. */
export const ExportJobQuery = graphql(`
  query ExportJob($id: ID!) {
    exportJob(id: $id) {
      id
      state
      progress
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
