import { graphql } from '../../../gql';

export const OperatorConsortiaQuery = graphql(`
  query OperatorConsortia {
    consortia {
      id
      name
      comuneCount
    }
  }
`);

export const OperatorComuneByIstatQuery = graphql(`
  query OperatorComuneByIstat($istatCode: String!) {
    comuneByIstatCode(istatCode: $istatCode) {
      id
      name
      istatCode
      provinceName
      consortium {
        id
        name
      }
    }
  }
`);

export const OperatorCreateConsortiumMutation = graphql(`
  mutation OperatorCreateConsortium($input: CreateConsortiumInput!) {
    createConsortium(input: $input) {
      id
      name
      comuneCount
    }
  }
`);

export const OperatorGrantRtdMutation = graphql(`
  mutation OperatorGrantRtd($consortiumId: ID!, $fiscalCode: String!) {
    grantRole(input: { role: CONSORTIUM_RTD, consortiumId: $consortiumId, fiscalCode: $fiscalCode }) {
      id
      consortium {
        id
        name
      }
      person {
        id
        displayName
        fiscalCode
      }
    }
  }
`);
