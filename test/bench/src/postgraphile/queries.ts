/**
 * The benchmark's cases as PostGraphile asks for them, against the schema it generates from the
 * tables (Amber preset, default inflection): `rowId` is the table's id because `id` is the Relay
 * node id, relations are named after their foreign-key columns, and the function of schema
 * `bench` is prefixed with it because `public` comes first in the schema list.
 */
/** The counts of a compliance bucket, as the API's ComplianceBucket has them. */
const BUCKET = 'key label total notStarted inProgress submitted completed rejected notApplicable overdue';

export const POSTGRAPHILE_QUERIES = {
  /** Compliance of one consortium, per municipality. Variables: `{ consortiumId }`. */
  caseA: /* GraphQL */ `
    query CaseA($consortiumId: UUID!) {
      benchComplianceSummary(pConsortium: $consortiumId, pRegion: null, pGroup: "COMUNE") {
        nodes { ${BUCKET} }
      }
    }
  `,
  /** Compliance of one region, per province. Variables: `{ regionCode }`. */
  caseB: /* GraphQL */ `
    query CaseB($regionCode: String!) {
      benchComplianceSummary(pConsortium: null, pRegion: $regionCode, pGroup: "PROVINCE") {
        nodes { ${BUCKET} }
      }
    }
  `,
  /**
   * The first 100 assignments of a municipality with their objective, its plan lines and the
   * evidence. Variables: `{ comuneId }`. The API orders by the effective due date (the
   * objective's when the assignment has none), then id; the generated schema can only sort by the
   * assignment's own column (nulls last), so the two pick the same rows only when every
   * assignment carries its date or the municipality has at most 100.
   */
  caseC: /* GraphQL */ `
    query CaseC($comuneId: UUID!) {
      allAssignments(
        condition: { comuneId: $comuneId }
        orderBy: [DUE_DATE_ASC, PRIMARY_KEY_ASC]
        first: 100
      ) {
        nodes {
          rowId
          status
          progress
          sharedObjectiveByConsortiumIdAndObjectiveId {
            title
            sharedObjectiveLinesByConsortiumIdAndObjectiveId(orderBy: [POSITION_ASC]) {
              nodes {
                planLineByPlanLineId {
                  code
                }
              }
            }
          }
          evidencesByConsortiumIdAndAssignmentId(orderBy: [ADDED_AT_ASC, PRIMARY_KEY_ASC]) {
            nodes {
              url
            }
          }
        }
      }
    }
  `,
} as const;

export type PostGraphileCase = keyof typeof POSTGRAPHILE_QUERIES;
