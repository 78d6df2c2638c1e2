import { graphql } from '../../../gql';

export const AssignmentDetailQuery = graphql(`
  query AssignmentDetail($id: ID!) {
    assignment(id: $id) {
      id
      status
      progress
      issues
      dueDate
      overdue
      updatedAt
      version
      allowedActions
      canRemind
      comune {
        id
        name
      }
      delegate {
        id
        displayName
      }
      objective {
        id
        title
        description
        edition
        state
        closedAt
        lines {
          id
          code
          text
          chapter
          chapterTitle
          deadline
          deadlineKind
        }
      }
      evidence {
        id
        kind
        url
        description
        addedAt
        addedBy {
          displayName
        }
        fileName
        size
        sha256
        downloadUrl
      }
      removedEvidence {
        id
        kind
        url
        description
        fileName
        size
        sha256
        removedAt
        removedBy {
          displayName
        }
      }
      history {
        at
        from
        to
        progress
        note
        issues
        actor {
          displayName
        }
      }
    }
  }
`);

export const ComuneDelegatesQuery = graphql(`
  query ComuneDelegates($comuneId: ID!) {
    comuneMembers(comuneId: $comuneId) {
      id
      role
      person {
        id
        fiscalCode
        displayName
      }
    }
  }
`);

/** What every move returns: the new state, version and the moves allowed from there. */
export const AssignmentAfterMoveFragment = graphql(`
  fragment AssignmentAfterMove on Assignment {
    id
    status
    progress
    issues
    version
    updatedAt
    allowedActions
  }
`);

export const UpdateAssignmentMutation = graphql(`
  mutation UpdateAssignment($id: ID!, $expectedVersion: Int!, $input: UpdateAssignmentInput!) {
    updateAssignment(id: $id, expectedVersion: $expectedVersion, input: $input) {
      ...AssignmentAfterMove
    }
  }
`);

export const SubmitAssignmentMutation = graphql(`
  mutation SubmitAssignment(
    $id: ID!
    $expectedVersion: Int!
    $note: String
    $progress: Int
    $issues: String
  ) {
    submitAssignment(
      id: $id
      expectedVersion: $expectedVersion
      note: $note
      progress: $progress
      issues: $issues
    ) {
      ...AssignmentAfterMove
    }
  }
`);

export const ReviewAssignmentMutation = graphql(`
  mutation ReviewAssignment($id: ID!, $expectedVersion: Int!, $decision: ReviewDecision!, $reason: String) {
    reviewAssignment(id: $id, expectedVersion: $expectedVersion, decision: $decision, reason: $reason) {
      ...AssignmentAfterMove
    }
  }
`);

export const MarkNotApplicableMutation = graphql(`
  mutation MarkNotApplicable($id: ID!, $expectedVersion: Int!, $reason: String!) {
    markNotApplicable(id: $id, expectedVersion: $expectedVersion, reason: $reason) {
      ...AssignmentAfterMove
    }
  }
`);

export const AddEvidenceMutation = graphql(`
  mutation AddEvidence($assignmentId: ID!, $kind: EvidenceKind!, $url: String, $description: String!) {
    addEvidence(assignmentId: $assignmentId, kind: $kind, url: $url, description: $description) {
      id
    }
  }
`);

export const DelegateAssignmentMutation = graphql(`
  mutation DelegateAssignment($id: ID!, $fiscalCode: String) {
    delegateAssignment(id: $id, fiscalCode: $fiscalCode) {
      id
      version
      delegate {
        id
        displayName
      }
      allowedActions
    }
  }
`);

/** The comune's PNRR applications to the measures serving the objective's lines (issue 21). */
export const AssignmentPnrrQuery = graphql(`
  query AssignmentPnrr($id: ID!) {
    assignment(id: $id) {
      id
      pnrrFunding {
        lineCodes
        application {
          amount
          countedAmount
          status
          statusDate
          cup
          asOf
          call {
            title
            measure {
              code
              title
            }
          }
        }
      }
    }
  }
`);

export const CreateEvidenceUploadMutation = graphql(`
  mutation CreateEvidenceUpload(
    $assignmentId: ID!
    $fileName: String!
    $description: String
    $replacesEvidenceId: ID
  ) {
    createEvidenceUpload(
      assignmentId: $assignmentId
      fileName: $fileName
      description: $description
      replacesEvidenceId: $replacesEvidenceId
    ) {
      url
      expiresAt
      maxBytes
    }
  }
`);

export const RemoveEvidenceMutation = graphql(`
  mutation RemoveEvidence($id: ID!) {
    removeEvidence(id: $id) {
      id
      removedAt
    }
  }
`);

export const RemindAssignmentMutation = graphql(`
  mutation RemindAssignment($id: ID!) {
    remindAssignment(id: $id) {
      id
      canRemind
      history {
        at
        from
        to
        note
      }
    }
  }
`);

export const ReplaceEvidenceMutation = graphql(`
  mutation ReplaceEvidence($id: ID!, $kind: EvidenceKind!, $url: String, $description: String!) {
    replaceEvidence(id: $id, kind: $kind, url: $url, description: $description) {
      id
    }
  }
`);

/** The Piano indicators this comune measures for the objective's schede. */
export const AssignmentPianoIndicatorsQuery = graphql(`
  query AssignmentPianoIndicators($id: ID!) {
    assignment(id: $id) {
      id
      pianoIndicators {
        id
        name
        kind
        unit
        frequency
        measuredBy
      }
    }
  }
`);

/** One indicator's current values for one comune (the newest of each period). */
export const PianoIndicatorComuneValuesQuery = graphql(`
  query PianoIndicatorComuneValues($id: ID!, $comuneId: ID!) {
    pianoIndicator(id: $id) {
      id
      values(comuneId: $comuneId) {
        id
        period
        value
        note
        recordedAt
        recordedBy
      }
    }
  }
`);
