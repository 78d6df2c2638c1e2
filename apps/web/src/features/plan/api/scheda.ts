import { graphql } from '../../../gql';

/** One scheda intervento with every field, its indicators (with history and trend) and its version. */
export const SchedaQuery = graphql(`
  query PianoScheda($id: ID!) {
    pianoIntervento(id: $id) {
      id
      versionId
      version
      code
      title
      owner
      beneficiaries
      problem
      description
      expectedResults
      impact
      constraints
      externalParties
      skills
      effort
      benefitDirect
      benefitIndirect
      axis
      horizon
      removedReason
      implementation
      startPeriod
      endPeriod
      totalCost
      costs {
        year
        initial
        running
      }
      funding {
        source
        amount
        pnrrMeasure
        cup
      }
      lines {
        edition
        code
        text
      }
      comuni {
        id
        name
      }
      sharedObjectiveId
      sharedObjective {
        id
        title
      }
      indicators {
        id
        name
        kind
        unit
        source
        direction
        nature
        aggregation
        baseline
        baselineDate
        frequency
        measuredBy
        targets {
          year
          value
        }
        periods {
          period
          value
          target
          onTarget
          count
        }
        values(history: true) {
          id
          period
          value
          comuneName
          note
          recordedAt
          recordedBy
        }
      }
    }
  }
`);

export const SchedaVersionQuery = graphql(`
  query PianoSchedaVersion($id: ID!) {
    pianoVersion(id: $id) {
      id
      number
      year
      state
      canEdit
    }
  }
`);

export const UpdateInterventoMutation = graphql(`
  mutation UpdatePianoIntervento($id: ID!, $expectedVersion: Int, $input: InterventoInput!) {
    updatePianoIntervento(id: $id, expectedVersion: $expectedVersion, input: $input) {
      id
      version
    }
  }
`);

export const CreateIndicatorMutation = graphql(`
  mutation CreatePianoIndicator($interventoId: ID!, $input: IndicatorInput!) {
    createPianoIndicator(interventoId: $interventoId, input: $input) {
      id
    }
  }
`);

export const UpdateIndicatorMutation = graphql(`
  mutation UpdatePianoIndicator($id: ID!, $input: IndicatorInput!) {
    updatePianoIndicator(id: $id, input: $input) {
      id
    }
  }
`);

export const RecordIndicatorValueMutation = graphql(`
  mutation RecordIndicatorValue($input: RecordIndicatorValueInput!) {
    recordIndicatorValue(input: $input) {
      id
    }
  }
`);

export const CreateObjectiveFromInterventoMutation = graphql(`
  mutation CreateObjectiveFromIntervento($interventoId: ID!, $edition: String, $dueDate: Date) {
    createObjectiveFromIntervento(interventoId: $interventoId, edition: $edition, dueDate: $dueDate) {
      id
      title
    }
  }
`);

/** The consortium's members, for the value a comune measures. */
export const MembersQuery = graphql(`
  query PianoMembers($consortiumId: ID!) {
    consortium(id: $consortiumId) {
      id
      comuni(first: 200) {
        edges {
          node {
            id
            name
          }
        }
      }
    }
  }
`);
