import { graphql } from '../../../gql';

/** The periodic report of the consortium: requested here, built by the worker, listed for the office. */
export const RequestReportMutation = graphql(`
  mutation RequestReport($input: ExportRequestInput!) {
    requestExport(input: $input) {
      id
      state
      progress
    }
  }
`);

export const ConsortiumReportsQuery = graphql(`
  query ConsortiumReports($consortiumId: ID!, $first: Int) {
    consortiumReports(consortiumId: $consortiumId, first: $first) {
      id
      kind
      state
      progress
      requestedAt
      finishedAt
      expiresAt
      fileName
      downloadUrl
    }
  }
`);

export const ReportScheduleQuery = graphql(`
  query ReportSchedule($consortiumId: ID!) {
    consortiumReportSchedule(consortiumId: $consortiumId) {
      consortiumId
      frequency
      format
      dayOfMonth
      isSet
      nextRunOn
      canEdit
    }
  }
`);

export const SetReportScheduleMutation = graphql(`
  mutation SetReportSchedule($input: SetConsortiumReportScheduleInput!) {
    setConsortiumReportSchedule(input: $input) {
      consortiumId
      frequency
      format
      dayOfMonth
      isSet
      nextRunOn
      canEdit
    }
  }
`);
