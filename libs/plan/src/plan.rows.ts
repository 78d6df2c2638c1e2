/** The rows of the Piano's tables as the repositories read them, and their column lists. */

export type PianoStateValue = 'DRAFT' | 'APPROVED' | 'PUBLISHED';

export interface VersionRow {
  id: string;
  consortiumId: string;
  number: number;
  year: number;
  title: string;
  state: PianoStateValue;
  approvedOn: string | null;
  approvalAct: string | null;
  publishedAt: Date | null;
  createdAt: Date;
  copiedFromId: string | null;
  version: number;
}

export interface CostRow {
  year: number;
  initial: number;
  running: number;
}

export interface FundingRow {
  source: string;
  amount: number | null;
  pnrrMeasure: string | null;
  cup: string | null;
  note: string | null;
}

/** The editable columns of a scheda intervento, as stored. */
export interface InterventoFields {
  code: string;
  title: string;
  owner: string | null;
  beneficiaries: string | null;
  problem: string | null;
  description: string | null;
  expectedResults: string | null;
  impact: string | null;
  constraints: string | null;
  externalParties: string | null;
  skills: string | null;
  effort: string | null;
  benefitDirect: string | null;
  benefitIndirect: string | null;
  costs: CostRow[];
  funding: FundingRow[];
  axis: string;
  horizon: string;
  removedReason: string | null;
  implementation: string;
  startPeriod: string | null;
  endPeriod: string | null;
  comuneIds: string[] | null;
}

export interface InterventoRow extends InterventoFields {
  id: string;
  consortiumId: string;
  versionId: string;
  lineageId: string;
  sharedObjectiveId: string | null;
  position: number;
  version: number;
}

export interface LineRefRow {
  interventoId: string;
  edition: string;
  code: string;
  text: string | null;
  chapter: number | null;
}

export interface IndicatorFields {
  name: string;
  kind: string;
  unit: string | null;
  source: string | null;
  direction: string;
  nature: string;
  aggregation: string;
  baseline: number | null;
  baselineDate: string | null;
  targets: { year: number; value: number }[];
  frequency: string;
  measuredBy: string;
}

export interface IndicatorRow extends IndicatorFields {
  id: string;
  consortiumId: string;
  versionId: string;
  interventoId: string;
  lineageId: string;
  position: number;
}

export interface ValueRow {
  id: string;
  lineageId: string;
  period: string;
  value: number;
  comuneId: string | null;
  comuneName: string | null;
  note: string | null;
  recordedAt: Date;
  recordedBy: string | null;
}

export const VERSION_COLUMNS = `v.id, v.consortium_id AS "consortiumId", v.number, v.year, v.title, v.state,
  to_char(v.approved_on, 'YYYY-MM-DD') AS "approvedOn", v.approval_act AS "approvalAct",
  v.published_at AS "publishedAt", v.created_at AS "createdAt", v.copied_from_id AS "copiedFromId", v.version`;

export const INTERVENTO_COLUMNS = `i.id, i.consortium_id AS "consortiumId", i.piano_version_id AS "versionId",
  i.lineage_id AS "lineageId", i.code, i.title, i.owner, i.beneficiaries, i.problem, i.description,
  i.expected_results AS "expectedResults", i.impact, i.constraints, i.external_parties AS "externalParties",
  i.skills, i.effort, i.benefit_direct AS "benefitDirect", i.benefit_indirect AS "benefitIndirect", i.costs,
  i.funding, i.axis, i.horizon, i.removed_reason AS "removedReason", i.implementation,
  i.start_period AS "startPeriod", i.end_period AS "endPeriod", i.comune_ids AS "comuneIds",
  i.shared_objective_id AS "sharedObjectiveId", i.position, i.version`;

export const INDICATOR_COLUMNS = `x.id, x.consortium_id AS "consortiumId", x.piano_version_id AS "versionId",
  x.intervento_id AS "interventoId", x.lineage_id AS "lineageId", x.name, x.kind, x.unit, x.source,
  x.direction, x.nature, x.aggregation, x.baseline::float8 AS baseline,
  to_char(x.baseline_date, 'YYYY-MM-DD') AS "baselineDate", x.targets, x.frequency,
  x.measured_by AS "measuredBy", x.position`;

/** Column of each editable field of a scheda, in the order of the INSERT. */
export const INTERVENTO_FIELD_COLUMNS: [keyof InterventoFields, string, string?][] = [
  ['code', 'code'],
  ['title', 'title'],
  ['owner', 'owner'],
  ['beneficiaries', 'beneficiaries'],
  ['problem', 'problem'],
  ['description', 'description'],
  ['expectedResults', 'expected_results'],
  ['impact', 'impact'],
  ['constraints', 'constraints'],
  ['externalParties', 'external_parties'],
  ['skills', 'skills'],
  ['effort', 'effort'],
  ['benefitDirect', 'benefit_direct'],
  ['benefitIndirect', 'benefit_indirect'],
  ['costs', 'costs', 'jsonb'],
  ['funding', 'funding', 'jsonb'],
  ['axis', 'axis'],
  ['horizon', 'horizon'],
  ['removedReason', 'removed_reason'],
  ['implementation', 'implementation'],
  ['startPeriod', 'start_period'],
  ['endPeriod', 'end_period'],
  ['comuneIds', 'comune_ids', 'uuid[]'],
];

export const INDICATOR_FIELD_COLUMNS: [keyof IndicatorFields, string, string?][] = [
  ['name', 'name'],
  ['kind', 'kind'],
  ['unit', 'unit'],
  ['source', 'source'],
  ['direction', 'direction'],
  ['nature', 'nature'],
  ['aggregation', 'aggregation'],
  ['baseline', 'baseline'],
  ['baselineDate', 'baseline_date', 'date'],
  ['targets', 'targets', 'jsonb'],
  ['frequency', 'frequency'],
  ['measuredBy', 'measured_by'],
];

export const param = (value: unknown, cast?: string): unknown =>
  cast === 'jsonb' ? JSON.stringify(value ?? []) : value;

export const normaliseIntervento = (row: InterventoRow): InterventoRow => ({
  ...row,
  costs: (row.costs ?? []).map((c) => ({
    year: c.year,
    initial: Number(c.initial),
    running: Number(c.running),
  })),
});
