import { graphql } from '../../../gql';

/** The newest version of the consortium's Piano the caller reads, with all the page shows. */
export const PianoQuery = graphql(`
  query ConsortiumPiano($consortiumId: ID!, $edition: String!, $currentEdition: String!) {
    pianoVersions(consortiumId: $consortiumId) {
      id
      number
      year
      state
    }
    piano(consortiumId: $consortiumId) {
      id
      number
      year
      title
      state
      approvedOn
      approvalAct
      canEdit
      coverage(edition: $edition) {
        edition
        totalLines
        coveredCount
        lines {
          code
          chapterTitle
          text
          interventoCodes
          mappedInterventoCodes
        }
      }
      current: coverage(edition: $currentEdition) {
        edition
        totalLines
        coveredCount
        lines {
          code
          chapterTitle
          text
          interventoCodes
          mappedInterventoCodes
        }
      }
      interventi {
        id
        code
        title
        axis
        horizon
        removedReason
        implementation
        startPeriod
        endPeriod
        totalCost
        funding {
          source
          amount
          pnrrMeasure
          cup
        }
        lines {
          edition
          code
        }
        indicators {
          id
          name
          kind
          unit
          measuredBy
          periods {
            period
            value
            target
            onTarget
          }
        }
      }
    }
  }
`);

export const CreatePianoVersionMutation = graphql(`
  mutation CreatePianoVersion($input: CreatePianoVersionInput!) {
    createPianoVersion(input: $input) {
      id
    }
  }
`);

export const ApprovePianoVersionMutation = graphql(`
  mutation ApprovePianoVersion($id: ID!, $input: ApprovePianoVersionInput!) {
    approvePianoVersion(id: $id, input: $input) {
      id
      state
    }
  }
`);

export const PublishPianoVersionMutation = graphql(`
  mutation PublishPianoVersion($id: ID!) {
    publishPianoVersion(id: $id) {
      id
      state
    }
  }
`);

export const CreatePianoInterventoMutation = graphql(`
  mutation CreatePianoIntervento($versionId: ID!, $input: InterventoInput!) {
    createPianoIntervento(versionId: $versionId, input: $input) {
      id
      code
    }
  }
`);
