import { graphql } from '../../../gql';

export const ObjectivesListQuery = graphql(`
  query ObjectivesList($consortiumId: ID!, $state: ObjectiveState) {
    sharedObjectives(consortiumId: $consortiumId, first: 200, state: $state) {
      totalCount
      edges {
        node {
          id
          title
          edition
          state
          dueDate
          publishedAt
          assignmentCount
          targetedCount
          lines {
            id
            code
          }
        }
      }
    }
    complianceSummary(groupBy: OBJECTIVE, scope: { consortiumId: $consortiumId }) {
      key
      total
      completed
      notApplicable
      completionRate
      overdue
    }
  }
`);

export const ObjectiveQuery = graphql(`
  query Objective($id: ID!) {
    sharedObjective(id: $id) {
      id
      title
      description
      edition
      state
      dueDate
      publishedAt
      createdAt
      version
      assignmentCount
      targetedCount
      target {
        all
        comuneIds
        minPopulation
        maxPopulation
        provinceCodes
      }
      lines {
        ...PlanLineFacts
      }
      carriedFrom {
        id
        title
        edition
      }
      carriedTo {
        id
        title
        edition
        state
      }
    }
  }
`);

export const EditorReferenceQuery = graphql(`
  query EditorReference($consortiumId: ID!) {
    planEditions {
      code
      title
      status
      supersededBy
    }
    consortium(id: $consortiumId) {
      id
      comuni(first: 500) {
        edges {
          node {
            id
            name
            istatCode
            population
            populationDate
            provinceCode
            provinceName
          }
        }
      }
    }
  }
`);

export const LineSearchQuery = graphql(`
  query LineSearch($edition: String!, $search: String) {
    planLines(edition: $edition, search: $search, first: 20) {
      totalCount
      edges {
        node {
          ...PlanLineFacts
        }
      }
    }
  }
`);

export const TargetPreviewQuery = graphql(`
  query TargetPreview($consortiumId: ID!, $target: TargetInput!, $lineCodes: [String!], $edition: String) {
    targetPreview(consortiumId: $consortiumId, target: $target, lineCodes: $lineCodes, edition: $edition) {
      count
      comuni {
        id
        name
      }
      excluded {
        comune {
          id
          name
          population
        }
        reasons
      }
      conditions {
        lineCode
        text
      }
    }
  }
`);

export const ProposedDueDateQuery = graphql(`
  query ProposedDueDate($edition: String!, $lineCodes: [String!]!) {
    proposedDueDate(edition: $edition, lineCodes: $lineCodes) {
      id
      code
      dueDate
      deadlines {
        kind
        date
        words
      }
    }
  }
`);

export const CarryForwardPreviewQuery = graphql(`
  query CarryForwardPreview($id: ID!) {
    carryForwardPreview(id: $id) {
      toEdition
      successorCount
      lines {
        droppedNote
        from {
          id
          code
          text
        }
        to {
          id
          code
          text
          dueDate
        }
      }
    }
  }
`);

export const CarryForwardMutation = graphql(`
  mutation CarryForward($id: ID!, $toEdition: String) {
    carryForwardSharedObjective(id: $id, toEdition: $toEdition) {
      id
    }
  }
`);

export const CreateObjectiveMutation = graphql(`
  mutation CreateObjective($input: CreateSharedObjectiveInput!) {
    createSharedObjective(input: $input) {
      id
      version
    }
  }
`);

export const UpdateObjectiveMutation = graphql(`
  mutation UpdateObjective($id: ID!, $expectedVersion: Int!, $input: UpdateSharedObjectiveInput!) {
    updateSharedObjective(id: $id, expectedVersion: $expectedVersion, input: $input) {
      id
      version
      title
      state
    }
  }
`);

export const PushRunFieldsFragment = graphql(`
  fragment PushRunFields on PushRun {
    id
    state
    targeted
    created
    skipped
    startedAt
    finishedAt
  }
`);

export const PublishObjectiveMutation = graphql(`
  mutation PublishObjective($id: ID!) {
    publishSharedObjective(id: $id) {
      ...PushRunFields
    }
  }
`);

export const PushRunQuery = graphql(`
  query PushRun($id: ID!) {
    pushRun(id: $id) {
      ...PushRunFields
    }
  }
`);

export const CloseObjectiveMutation = graphql(`
  mutation CloseObjective($id: ID!, $expectedVersion: Int!) {
    closeSharedObjective(id: $id, expectedVersion: $expectedVersion) {
      id
      state
      version
    }
  }
`);

export const DeleteObjectiveMutation = graphql(`
  mutation DeleteObjective($id: ID!, $expectedVersion: Int!) {
    deleteSharedObjective(id: $id, expectedVersion: $expectedVersion)
  }
`);
