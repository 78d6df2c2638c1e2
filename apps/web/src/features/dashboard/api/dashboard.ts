import { graphql } from '../../../gql';

export const DashboardAssignmentsQuery = graphql(`
  query DashboardAssignments($consortiumId: ID!, $after: String) {
    assignments(filter: { consortiumId: $consortiumId }, first: 500, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          status
          progress
          overdue
          dueDate
          comune {
            id
            name
            istatCode
            provinceCode
            provinceName
          }
          objective {
            id
            title
            edition
            state
            lines {
              id
              code
              chapter
            }
          }
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
            name
            istatCode
            provinceCode
            provinceName
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

export const DashboardLaggardsQuery = graphql(`
  query DashboardLaggards($scope: ComplianceScope!) {
    comuni: complianceSummary(groupBy: COMUNE, scope: $scope) {
      key
      label
      total
      completed
      notApplicable
      overdue
      completionRate
    }
    objectives: complianceSummary(groupBy: OBJECTIVE, scope: $scope) {
      key
      label
      total
      completed
      notApplicable
      overdue
      completionRate
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

/** A cheap look every few seconds: the full list is reloaded only when these counts move. */
export const DashboardPulseQuery = graphql(`
  query DashboardPulse($consortiumId: ID!) {
    all: assignments(filter: { consortiumId: $consortiumId }, first: 1) {
      totalCount
    }
    submitted: assignments(filter: { consortiumId: $consortiumId, status: [SUBMITTED] }, first: 1) {
      totalCount
    }
    completed: assignments(filter: { consortiumId: $consortiumId, status: [COMPLETED] }, first: 1) {
      totalCount
    }
  }
`);
