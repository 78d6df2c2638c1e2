import { graphql } from '../../../gql';

/** The consortium's PNRR funding per measure, and its comuni without an application (issue 21). */
export const DashboardPnrrQuery = graphql(`
  query DashboardPnrr($consortiumId: ID!) {
    consortium(id: $consortiumId) {
      id
      pnrr {
        amount
        territoryAmount
        fundedComuni
        comuneCount
        measures {
          measure {
            code
            title
            asOf
          }
          amount
          fundedComuni
          applicationCount
          withdrawnCount
          servesObjectives
          comuniWithoutApplication
        }
      }
    }
  }
`);
