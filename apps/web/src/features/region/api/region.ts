import { graphql } from '../../../gql';

/** Aggregates only: the region's consortia and provinces, never a person. */
export const RegionComplianceQuery = graphql(`
  query RegionCompliance($regionCode: String!) {
    byConsortium: complianceSummary(groupBy: CONSORTIUM, scope: { regionCode: $regionCode }) {
      ...RegionBucket
    }
    byProvince: complianceSummary(groupBy: PROVINCE, scope: { regionCode: $regionCode }) {
      ...RegionBucket
    }
  }

  fragment RegionBucket on ComplianceBucket {
    key
    label
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
`);

/** The region's name, from the member comuni of the consortia the observer may see. */
export const RegionConsortiaQuery = graphql(`
  query RegionConsortia {
    consortia {
      id
      name
      comuneCount
      comuni(first: 500) {
        edges {
          node {
            id
            regionCode
            regionName
          }
        }
      }
    }
  }
`);

/** The region's PNRR funding per measure: sums of its comuni's own applications (open data). */
export const RegionPnrrQuery = graphql(`
  query RegionPnrr($regionCode: String!) {
    pnrrRegionTotal(regionCode: $regionCode) {
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
      }
    }
  }
`);

/** The region's completion day by day (midnight snapshots), by province: summed on the page. */
export const RegionTrendQuery = graphql(`
  query RegionTrend($regionCode: String!, $from: Date!, $to: Date!) {
    complianceTrend(scope: { regionCode: $regionCode }, from: $from, to: $to, groupBy: PROVINCE) {
      day
      buckets {
        total
        completed
        submitted
        notApplicable
        overdue
      }
    }
  }
`);
