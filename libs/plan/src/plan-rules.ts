import { badInput } from '@rtd/kernel';
import type { CostRow, FundingRow, IndicatorFields, InterventoFields } from './plan.repository';
import type { IndicatorInput, InterventoInput } from './dto/plan.types';

const MAX_TEXT = 10_000;

/** The caps the service keeps (the API's query budget counts on them: apps/api list-bounds.ts). */
export const PIANO_LIMITS = {
  interventi: 100,
  lines: 50,
  comuni: 300,
  years: 20,
  indicators: 10,
  periods: 12,
  values: 2_000,
} as const;
const SEMESTER = /^([0-9]{4})-S([12])$/;
const CUP = /^[A-Z][0-9]{2}[A-Z][0-9]{11}$/;
const PNRR_MEASURE = /^[0-9]+(\.[0-9]+)*$/;
const LEVELS = ['ALTO', 'MEDIO', 'BASSO'];

/** Text of a scheda: trimmed, "" clears it, at most 10,000 characters. */
function text(field: string, value: string | null | undefined, current: string | null): string | null {
  if (value === undefined || value === null) return current;
  const trimmed = value.trim();
  if (trimmed.length > MAX_TEXT) throw badInput(field, `al massimo ${MAX_TEXT} caratteri`);
  return trimmed === '' ? null : trimmed;
}

function required(
  field: string,
  value: string | null | undefined,
  current: string | null,
  max: number,
): string {
  const result = value === undefined || value === null ? current : value.trim();
  if (!result) throw badInput(field, 'obbligatorio');
  if (result.length > max) throw badInput(field, `al massimo ${max} caratteri`);
  return result;
}

function oneOf<T extends string>(
  field: string,
  value: T | null | undefined,
  allowed: readonly string[],
  current: T | null,
): T | null {
  if (value === undefined || value === null) return current;
  if (!allowed.includes(value)) throw badInput(field, `valore non ammesso (${allowed.join(', ')})`);
  return value;
}

/** A semester as the Gantt reads it: "2026-S1". */
export function checkSemester(
  field: string,
  value: string | null | undefined,
  current: string | null,
): string | null {
  if (value === undefined || value === null) return current;
  const trimmed = value.trim().toUpperCase();
  if (trimmed === '') return null;
  if (!SEMESTER.test(trimmed))
    throw badInput(field, 'un semestre nella forma AAAA-S1 o AAAA-S2, per esempio 2026-S1');
  return trimmed;
}

function amount(field: string, value: number): number {
  if (!Number.isFinite(value) || value < 0 || value > 1e12)
    throw badInput(field, 'un importo in euro, zero o più');
  return Math.round(value * 100) / 100;
}

function costs(value: InterventoInput['costs'], current: CostRow[]): CostRow[] {
  if (value === undefined || value === null) return current;
  if (value.length > PIANO_LIMITS.years) throw badInput('costs', `al massimo ${PIANO_LIMITS.years} anni`);
  const years = new Set<number>();
  return value
    .map((c, i) => {
      if (!Number.isInteger(c.year) || c.year < 2000 || c.year > 2100)
        throw badInput(`costs[${i}].year`, 'un anno, per esempio 2026');
      if (years.has(c.year)) throw badInput(`costs[${i}].year`, `anno ${c.year} ripetuto`);
      years.add(c.year);
      return {
        year: c.year,
        initial: amount(`costs[${i}].initial`, c.initial ?? 0),
        running: amount(`costs[${i}].running`, c.running ?? 0),
      };
    })
    .sort((a, b) => a.year - b.year);
}

function funding(value: InterventoInput['funding'], current: FundingRow[]): FundingRow[] {
  if (value === undefined || value === null) return current;
  if (value.length > PIANO_LIMITS.years) throw badInput('funding', `al massimo ${PIANO_LIMITS.years} fonti`);
  return value.map((f, i) => {
    const cup = f.cup?.trim().toUpperCase() || null;
    if (cup && !CUP.test(cup))
      throw badInput(`funding[${i}].cup`, 'un CUP di 15 caratteri, per esempio J51B21005280006');
    const measure = f.pnrrMeasure?.trim() || null;
    if (measure && !PNRR_MEASURE.test(measure))
      throw badInput(`funding[${i}].pnrrMeasure`, 'una misura PNRR, per esempio 1.4.1');
    if (f.source !== 'PNRR' && measure)
      throw badInput(`funding[${i}].pnrrMeasure`, 'solo per un finanziamento PNRR');
    return {
      source: f.source,
      amount: f.amount === undefined || f.amount === null ? null : amount(`funding[${i}].amount`, f.amount),
      pnrrMeasure: measure,
      cup,
      note: text(`funding[${i}].note`, f.note, null),
    };
  });
}

export const EMPTY_INTERVENTO: InterventoFields = {
  code: '',
  title: '',
  owner: null,
  beneficiaries: null,
  problem: null,
  description: null,
  expectedResults: null,
  impact: null,
  constraints: null,
  externalParties: null,
  skills: null,
  effort: null,
  benefitDirect: null,
  benefitIndirect: null,
  costs: [],
  funding: [],
  axis: '',
  horizon: '',
  removedReason: null,
  implementation: 'NOT_STARTED',
  startPeriod: null,
  endPeriod: null,
  comuneIds: null,
};

/** The stored fields after `input` (null keeps a value), each checked, in Italian on failure. */
export function mergeIntervento(current: InterventoFields, input: InterventoInput): InterventoFields {
  const horizon = required('horizon', input.horizon, current.horizon || null, 30);
  oneOf(
    'horizon',
    horizon,
    [
      'COMPLETED',
      'IN_PROGRESS',
      'SHORT_TERM',
      'PROGRAMMED',
      'MEDIUM_LONG_TERM',
      'COMPLETED_BEFORE',
      'REMOVED',
    ],
    null,
  );
  let removedReason = text('removedReason', input.removedReason, current.removedReason);
  if (horizon === 'REMOVED' && !removedReason)
    throw badInput('removedReason', 'il motivo dello stralcio dal Piano è obbligatorio');
  if (horizon !== 'REMOVED') removedReason = null;
  const startPeriod = checkSemester('startPeriod', input.startPeriod, current.startPeriod);
  const endPeriod = checkSemester('endPeriod', input.endPeriod, current.endPeriod);
  if (startPeriod && endPeriod && startPeriod > endPeriod)
    throw badInput('endPeriod', "il semestre di fine precede quello d'inizio");
  const code = required('code', input.code, current.code || null, 30);
  let comuneIds = current.comuneIds;
  if (input.comuneIds !== undefined && input.comuneIds !== null)
    comuneIds = input.comuneIds.length === 0 ? null : [...new Set(input.comuneIds)];
  if (comuneIds && comuneIds.length > PIANO_LIMITS.comuni)
    throw badInput('comuneIds', `al massimo ${PIANO_LIMITS.comuni} Comuni`);
  return {
    code,
    title: required('title', input.title, current.title || null, 300),
    owner: text('owner', input.owner, current.owner),
    beneficiaries: text('beneficiaries', input.beneficiaries, current.beneficiaries),
    problem: text('problem', input.problem, current.problem),
    description: text('description', input.description, current.description),
    expectedResults: text('expectedResults', input.expectedResults, current.expectedResults),
    impact: text('impact', input.impact, current.impact),
    constraints: text('constraints', input.constraints, current.constraints),
    externalParties: text('externalParties', input.externalParties, current.externalParties),
    skills: text('skills', input.skills, current.skills),
    effort: oneOf('effort', input.effort, LEVELS, current.effort as never),
    benefitDirect: oneOf('benefitDirect', input.benefitDirect, LEVELS, current.benefitDirect as never),
    benefitIndirect: oneOf(
      'benefitIndirect',
      input.benefitIndirect,
      LEVELS,
      current.benefitIndirect as never,
    ),
    costs: costs(input.costs, current.costs),
    funding: funding(input.funding, current.funding),
    axis: required('axis', input.axis, current.axis || null, 30),
    horizon,
    removedReason,
    implementation: input.implementation ?? current.implementation,
    startPeriod,
    endPeriod,
    comuneIds,
  };
}

export const totalCost = (rows: CostRow[]): number =>
  Math.round(rows.reduce((sum, c) => sum + c.initial + c.running, 0) * 100) / 100;

const DEFAULT_AGGREGATION: Record<string, string> = {
  NUMBER: 'SUM',
  PERCENTAGE: 'MEAN',
  YES_NO: 'SHARE_YES',
};

export const EMPTY_INDICATOR: IndicatorFields = {
  name: '',
  kind: '',
  unit: null,
  source: null,
  direction: 'INCREASE',
  nature: 'REALISATION',
  aggregation: '',
  baseline: null,
  baselineDate: null,
  targets: [],
  frequency: 'SEMIANNUAL',
  measuredBy: 'OFFICE',
};

export function mergeIndicator(current: IndicatorFields, input: IndicatorInput): IndicatorFields {
  const kind = required('kind', input.kind, current.kind || null, 20);
  // A sì/no indicator's baseline and targets are shares of "sì" (percent) across who measures it.
  const scale = kind === 'YES_NO' ? 'PERCENTAGE' : kind;
  const targets =
    input.targets === undefined || input.targets === null
      ? current.targets
      : limited('targets', input.targets, PIANO_LIMITS.years).map((t, i) => {
          if (!Number.isInteger(t.year) || t.year < 2000 || t.year > 2100)
            throw badInput(`targets[${i}].year`, 'un anno, per esempio 2026');
          return { year: t.year, value: checkValue(`targets[${i}].value`, scale, t.value) };
        });
  if (new Set(targets.map((t) => t.year)).size !== targets.length)
    throw badInput('targets', 'un solo obiettivo per anno');
  const baseline =
    input.baseline === undefined || input.baseline === null
      ? current.baseline
      : checkValue('baseline', scale, input.baseline);
  let aggregation = input.aggregation ?? (current.aggregation || DEFAULT_AGGREGATION[kind]);
  if (kind === 'YES_NO' && aggregation !== 'SHARE_YES')
    throw badInput('aggregation', 'un indicatore sì/no si aggrega come quota di "sì"');
  if (kind !== 'YES_NO' && aggregation === 'SHARE_YES') aggregation = DEFAULT_AGGREGATION[kind];
  return {
    name: required('name', input.name, current.name || null, 300),
    kind,
    unit: text('unit', input.unit, current.unit),
    source: text('source', input.source, current.source),
    direction: input.direction ?? current.direction,
    nature: input.nature ?? current.nature,
    aggregation,
    baseline,
    baselineDate: input.baselineDate ?? current.baselineDate,
    targets: targets.sort((a, b) => a.year - b.year),
    frequency: input.frequency ?? current.frequency,
    measuredBy: input.measuredBy ?? current.measuredBy,
  };
}

/** A value of the indicator's kind: sì/no as 1/0, a percentage from 0 to 100, a number. */
export function checkValue(field: string, kind: string, value: number): number {
  if (!Number.isFinite(value)) throw badInput(field, 'un numero');
  if (kind === 'YES_NO' && value !== 0 && value !== 1)
    throw badInput(field, 'per un indicatore sì/no: 1 (sì) o 0 (no)');
  if (kind === 'PERCENTAGE' && (value < 0 || value > 100))
    throw badInput(field, 'una percentuale da 0 a 100');
  if (Math.abs(value) > 1e12) throw badInput(field, 'un numero troppo grande');
  return value;
}

const PERIODS: Record<string, RegExp> = {
  QUARTERLY: /^[0-9]{4}-Q[1-4]$/,
  SEMIANNUAL: /^[0-9]{4}-S[12]$/,
  ANNUAL: /^[0-9]{4}-A$/,
};
const PERIOD_EXAMPLE: Record<string, string> = {
  QUARTERLY: '2026-Q1',
  SEMIANNUAL: '2026-S1',
  ANNUAL: '2026-A',
};

export function checkPeriod(frequency: string, value: string): string {
  const period = value.trim().toUpperCase();
  if (!PERIODS[frequency]?.test(period))
    throw badInput(
      'period',
      `un periodo come lo chiede la frequenza dell'indicatore, per esempio ${PERIOD_EXAMPLE[frequency]}`,
    );
  return period;
}

/** The consortium's value of one period: sum, mean, or share of "sì" in percent. */
export function aggregate(aggregation: string, values: number[]): number | null {
  if (values.length === 0) return null;
  const sum = values.reduce((a, b) => a + b, 0);
  const round = (n: number) => Math.round(n * 100) / 100;
  if (aggregation === 'SUM') return round(sum);
  if (aggregation === 'MEAN') return round(sum / values.length);
  return round((values.filter((v) => v === 1).length / values.length) * 100);
}

/** Whether `value` meets `target` in the indicator's direction (MAINTAIN: at least the target). */
export function onTarget(direction: string, value: number | null, target: number | null): boolean | null {
  if (value === null || target === null) return null;
  return direction === 'DECREASE' ? value <= target : value >= target;
}

/** The semesters from `start` to `end` ("2026-S1".."2027-S2"). */
export function semesters(start: string, end: string): string[] {
  const index = (p: string) => {
    const m = SEMESTER.exec(p)!;
    return Number(m[1]) * 2 + Number(m[2]) - 1;
  };
  const out: string[] = [];
  for (let i = index(start); i <= index(end); i++) out.push(`${Math.floor(i / 2)}-S${(i % 2) + 1}`);
  return out;
}

function limited<T>(field: string, values: T[], max: number): T[] {
  if (values.length > max) throw badInput(field, `al massimo ${max} valori`);
  return values;
}
