/**
 * How many elements each list of the schema may hold, for the query budget. A list with a
 * `first` argument is bounded by it (the page size, 500 at most); every other list of objects
 * has its bound here, read from the rule that caps it where there is one (the evidence cap, the
 * lines of an objective, the municipalities of Italy) and otherwise from a documented planning
 * figure. A list of objects missing from this table costs DEFAULT_LIST_BOUND, and a unit test
 * (query-budget.spec.ts) fails until it is added here: a new list is a decision, not a default.
 */

/**
 * Municipalities in Italy: 7,904 in the register the product ships (ISTAT, 1 January 2021; 7,896 in
 * 2024): no consortium, region or target holds more. Checked against the register by
 * test/static/reference-data.static-spec.ts.
 */
export const ITALIAN_COMUNI = 7_904;
/** Provinces and their equivalents (metropolitan cities, free consortia): 107. */
export const ITALIAN_PROVINCES = 110;
/** Provinces of the largest region (Lombardia: 12): what a region's PROVINCE grouping can hold. */
export const PROVINCES_OF_A_REGION = 12;
/** Consortia on one installation: a planning figure (the demo has 2; Italy's associated RTD offices are fewer than 200). */
export const MAX_CONSORTIA = 200;
/** Shared objectives of one consortium over a plan's three years: a planning figure. */
export const MAX_OBJECTIVES = 1_000;
/** Lines of all the plan's editions, the consortia's local ones included: a planning figure (about 300 per edition). */
export const MAX_PLAN_LINES = 2_000;
/** Lines of one shared objective (objectives.service.ts, MAX_LINES). */
export const MAX_OBJECTIVE_LINES = 100;
/** Evidence of one assignment (assignments.service.ts, MAX_EVIDENCE_PER_ASSIGNMENT). */
export const MAX_EVIDENCE = 200;
/**
 * Status events of one assignment. History is append-only and has no cap: every report,
 * review and progress update adds one. A year of weekly updates with their reviews stays under
 * 200; an assignment with a longer history is costed as if it had 200.
 */
export const HISTORY_BOUND = 200;
/** Roles held by one person or client, or in one municipality: a planning figure. */
export const MAX_MEMBERSHIPS_OF_ONE = 100;
/** Roles held in one consortium and its municipalities: five people per municipality of a large consortium. */
export const MAX_CONSORTIUM_MEMBERSHIPS = 5_000;
/** Days of a compliance trend (compliance.service.ts, MAX_TREND_DAYS, both ends included). */
export const MAX_TREND_DAYS = 367;
/**
 * PNRR applications of one comune (libs/pnrr): one per call it was funded by, a handful of calls
 * per measure; the busiest comune of the open data has 16 over the seven measures (issue 21). A planning figure.
 */
export const MAX_PNRR_APPLICATIONS = 50;
/** PNRR measures of Missione 1 Componente 1 open to local bodies: seven (1.1 ... 1.4.5); a planning figure. */
export const MAX_PNRR_MEASURE_COUNT = 10;
/**
 * Applications of the schools and other bodies located in one municipality: Rome's are the most,
 * 664 in the files of issue 21 (schools, ministries, agencies); a planning figure above them.
 */
export const MAX_PNRR_TERRITORY_APPLICATIONS = 1_500;
/** Rows of one imported status file (libs/exports/src/import/status-file.ts, MAX_IMPORT_ROWS): each is at most one change or one error. */
export const MAX_IMPORT_ROWS = 5_000;
/** PNRR measures mapped to one plan line (libs/pnrr/data/measure-lines.json has 12 entries in all). */
export const MAX_PNRR_MEASURES = 20;
/** Periodic reports in one consortiumReports answer (libs/exports, MAX_LISTED_REPORTS). */
export const MAX_LISTED_REPORTS = 50;

/**
 * Dates, corrections and links of one plan line (libs/catalog): AgID's lines name one or two
 * dates, the mapping splits or merges a line into a few; a planning figure well above the data.
 */
export const MAX_LINE_FACTS = 10;
/** Drafts carried forward from one objective: one per later edition, a planning figure. */
export const MAX_CARRIED = 20;

/** Rows of one page of the Cruscotto's comuni, deadlines or criticità (libs/compliance, MAX_DASHBOARD_PAGE). */
export const MAX_DASHBOARD_PAGE = 100;
/**
 * The consortium's own Piano (libs/plan, plan-rules.ts PIANO_LIMITS): versions are one a year (a
 * planning figure); schede per version, lines, comuni, cost years and funding sources per scheda,
 * indicators per scheda and targets per indicator are capped by the service; the periods of an
 * indicator are its last 12; its values are read at most 2,000 at a time.
 */
export const PIANO_BOUNDS = {
  versions: 100,
  interventi: 100,
  lines: 50,
  comuni: 300,
  years: 20,
  indicators: 10,
  periods: 12,
  values: 2_000,
} as const;

export const DEFAULT_LIST_BOUND = 100;

type Args = Record<string, unknown>;

/** Buckets of a compliance summary, by what they group and within what scope. */
export function bucketBound(groupBy: unknown, scope: unknown): number {
  const byConsortium = typeof scope === 'object' && scope !== null && 'consortiumId' in scope;
  switch (groupBy) {
    case 'CONSORTIUM':
      return byConsortium && (scope as Args).consortiumId ? 1 : MAX_CONSORTIA;
    case 'PROVINCE':
      return typeof scope === 'object' && scope !== null && (scope as Args).regionCode
        ? PROVINCES_OF_A_REGION
        : ITALIAN_PROVINCES;
    case 'COMUNE':
      return ITALIAN_COMUNI;
    case 'OBJECTIVE':
      return MAX_OBJECTIVES;
    case 'LINE':
      return MAX_PLAN_LINES;
    case 'CHAPTER':
      return 300;
    default:
      return ITALIAN_COMUNI;
  }
}

function trendDays(from: unknown, to: unknown): number {
  if (typeof from !== 'string' || typeof to !== 'string') return MAX_TREND_DAYS;
  const days = Math.floor((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
  return Number.isFinite(days) ? Math.min(Math.max(days, 1), MAX_TREND_DAYS) : MAX_TREND_DAYS;
}

/**
 * The bound of each list of objects that has no `first`, by `Type.field`, given the field's
 * arguments. `Connection.edges` lists are bounded by the `first` of their connection and are
 * not listed here.
 */
export const LIST_BOUNDS: Readonly<Record<string, (args: Args) => number>> = {
  'Query.consortia': () => MAX_CONSORTIA,
  'Query.pianoVersions': () => PIANO_BOUNDS.versions,
  'PianoVersion.interventi': () => PIANO_BOUNDS.interventi,
  'PianoCoverage.lines': () => MAX_PLAN_LINES,
  'PianoIntervento.lines': () => PIANO_BOUNDS.lines,
  'PianoIntervento.comuni': () => PIANO_BOUNDS.comuni,
  'PianoIntervento.costs': () => PIANO_BOUNDS.years,
  'PianoIntervento.funding': () => PIANO_BOUNDS.years,
  'PianoIntervento.indicators': () => PIANO_BOUNDS.indicators,
  'PianoIndicator.targets': () => PIANO_BOUNDS.years,
  'PianoIndicator.values': () => PIANO_BOUNDS.values,
  'PianoIndicator.periods': () => PIANO_BOUNDS.periods,
  'Assignment.pianoIndicators': () => PIANO_BOUNDS.interventi,
  'Query.planEditions': () => 20,
  // One per kind of e-mail (libs/notifications NOTIFICATION_KINDS).
  'Query.notificationPreferences': () => 5,
  'Query.complianceSummary': (args) => bucketBound(args.groupBy, args.scope),
  // One point per day, each with its buckets: the points' own bound carries both, so that
  // `ComplianceTrendPoint.buckets` (whose arguments live on the trend) counts 1 more level of 1.
  'Query.complianceTrend': (args) => trendDays(args.from, args.to) * bucketBound(args.groupBy, args.scope),
  'ComplianceTrendPoint.buckets': () => 1,
  'Query.comuneMembers': () => MAX_MEMBERSHIPS_OF_ONE,
  'ConsortiumDashboard.objectives': () => MAX_OBJECTIVES,
  'DashboardComunePage.rows': () => MAX_DASHBOARD_PAGE,
  'ConsortiumDashboard.laggards': () => MAX_DASHBOARD_PAGE,
  'DashboardAssignmentPage.items': () => MAX_DASHBOARD_PAGE,
  'DashboardFilterOptions.provinces': () => ITALIAN_PROVINCES,
  'DashboardFilterOptions.objectives': () => MAX_OBJECTIVES,
  'Query.consortiumMemberships': () => MAX_CONSORTIUM_MEMBERSHIPS,
  'Me.memberships': () => MAX_MEMBERSHIPS_OF_ONE,
  'Assignment.evidence': () => MAX_EVIDENCE,
  'Assignment.history': () => HISTORY_BOUND,
  // Each removal writes a history event: no more removed evidence than history, costed alike.
  'Assignment.removedEvidence': () => HISTORY_BOUND,
  'SharedObjective.lines': () => MAX_OBJECTIVE_LINES,
  'TargetPreview.comuni': () => ITALIAN_COMUNI,
  'TargetPreview.excluded': () => ITALIAN_COMUNI,
  'TargetPreview.conditions': () => MAX_OBJECTIVE_LINES * MAX_LINE_FACTS,
  'PlanLine.deadlines': () => MAX_LINE_FACTS,
  'PlanLine.corrections': () => MAX_LINE_FACTS,
  'PlanLine.successors': () => MAX_LINE_FACTS,
  'PlanLine.predecessors': () => MAX_LINE_FACTS,
  'SharedObjective.carriedTo': () => MAX_CARRIED,
  'CarryForwardPreview.lines': () => MAX_OBJECTIVE_LINES,
  'CarriedLine.to': () => MAX_LINE_FACTS,
  'ComunePnrr.applications': () => MAX_PNRR_APPLICATIONS,
  'Assignment.pnrrFunding': () => MAX_PNRR_APPLICATIONS,
  'ComunePnrr.territoryApplications': () => MAX_PNRR_TERRITORY_APPLICATIONS,
  'ComunePnrr.measures': () => MAX_PNRR_MEASURE_COUNT,
  'PnrrMeasureFunding.applications': () => MAX_PNRR_APPLICATIONS,
  'PnrrTotal.measures': () => MAX_PNRR_MEASURE_COUNT,
  'PlanLine.pnrrMeasures': () => MAX_PNRR_MEASURES,
  'StatusImportReport.changes': () => MAX_IMPORT_ROWS,
  'StatusImportReport.errors': () => MAX_IMPORT_ROWS,
  // One count per kind of record a pseudonymisation rewrites (libs/privacy).
  'Pseudonymisation.records': () => 10,
  'Query.consortiumReports': (args) =>
    typeof args.first === 'number' ? Math.min(Math.max(args.first, 1), MAX_LISTED_REPORTS) : 20,
};

/**
 * Caps on the total number of elements of a list reached through a path of fields from the
 * root, where the elements above are distinct and what they hold is disjoint: the consortia of
 * `Query.consortia` are distinct and a municipality belongs to at most one consortium, so their
 * member pages together hold at most every municipality of Italy. The same pages under
 * assignments are not capped: 500 assignments of one consortium repeat its members 500 times.
 */
export const PATH_CAPS: Readonly<Record<string, number>> = {
  'Query.consortia>Consortium.comuni>ComuneConnection.edges': ITALIAN_COMUNI,
};
