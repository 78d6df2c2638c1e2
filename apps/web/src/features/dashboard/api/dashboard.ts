import { graphql } from '../../../gql';

/**
 * The whole Cruscotto in one answer, computed by the server from the same counts as
 * complianceSummary. Sent again with `since` (the last version), it answers `changed: false`
 * and nothing else when no assignment, objective or label moved.
 */
export const ConsortiumDashboardQuery = graphql(`
  query ConsortiumDashboard(
    $consortiumId: ID!
    $filter: ConsortiumDashboardFilter
    $since: String
    $comuniFirst: Int!
    $comuniOffset: Int!
    $comuniOrder: DashboardComuneOrder!
    $deadlinesFirst: Int!
    $criticitaFirst: Int!
  ) {
    consortiumDashboard(
      consortiumId: $consortiumId
      filter: $filter
      since: $since
      comuniFirst: $comuniFirst
      comuniOffset: $comuniOffset
      comuniOrder: $comuniOrder
      deadlinesFirst: $deadlinesFirst
      criticitaFirst: $criticitaFirst
    ) {
      version
      changed
      today
      deadlineDays
      figures {
        total
        notStarted
        inProgress
        submitted
        completed
        rejected
        notApplicable
        overdue
        completionRate
      }
      objectives {
        id
        title
        edition
        dueDate
        lineCodes
        counts {
          total
          completed
          notApplicable
          overdue
          completionRate
        }
      }
      comuni {
        totalCount
        offset
        rows {
          id
          name
          counts {
            total
            completed
            notApplicable
            overdue
            completionRate
          }
          statuses
          overdue
          assignmentIds
        }
      }
      deadlines {
        totalCount
        items {
          assignmentId
          comuneId
          comuneName
          objectiveId
          objectiveTitle
          status
          progress
          dueDate
          overdue
        }
      }
      criticita {
        totalCount
        items {
          assignmentId
          comuneId
          comuneName
          objectiveId
          objectiveTitle
          status
          issues
          updatedAt
        }
      }
      laggards {
        id
        name
        counts {
          total
          completed
          overdue
          completionRate
        }
      }
      options {
        editions
        chapters
        provinces {
          value
          label
        }
        objectives {
          value
          label
        }
      }
    }
  }
`);

export const DashboardMembersQuery = graphql(`
  query DashboardMembers($consortiumId: ID!) {
    consortium(id: $consortiumId) {
      id
      comuneCount
      comuni(first: 500) {
        edges {
          node {
            id
            provinceCode
          }
        }
      }
    }
    consortiumMemberships(consortiumId: $consortiumId) {
      id
      role
      comune {
        id
      }
    }
  }
`);

export const DashboardTrendQuery = graphql(`
  query DashboardTrend($scope: ComplianceScope!, $from: Date!, $to: Date!) {
    complianceTrend(scope: $scope, from: $from, to: $to, groupBy: CONSORTIUM) {
      day
      buckets {
        total
        completed
        inProgress
        submitted
        rejected
        notStarted
        notApplicable
        overdue
        completionRate
      }
    }
  }
`);

export const RemindComuneMutation = graphql(`
  mutation RemindComune($consortiumId: ID!, $comuneId: ID!) {
    remindComune(consortiumId: $consortiumId, comuneId: $comuneId)
  }
`);
