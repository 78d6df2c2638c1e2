import { badInput, echo } from '@rtd/kernel';

/** Which members of the objective's consortium receive it; filters are AND-ed. */
export interface Target {
  all?: boolean | null;
  comuneIds?: string[] | null;
  minPopulation?: number | null;
  maxPopulation?: number | null;
  provinceCodes?: string[] | null;
}

/** The stored, normalised form: every key present, nulls for "no filter". */
export interface StoredTarget {
  all: boolean;
  comuneIds: string[] | null;
  minPopulation: number | null;
  maxPopulation: number | null;
  provinceCodes: string[] | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PROVINCE = /^\d{3}$/;
const MAX_LIST = 10_000;

/**
 * Validates a target and applies the lines' applicability: when a chosen line only concerns
 * municipalities above a population (CAP1.PA.LA19: more than 15,000 inhabitants) and the target
 * says nothing stricter, the target inherits that threshold.
 */
export function normaliseTarget(
  target: Target,
  lineMinPopulations: readonly (number | null)[],
): StoredTarget {
  const comuneIds = target.comuneIds ?? null;
  const provinceCodes = target.provinceCodes ?? null;
  const hasFilter =
    comuneIds !== null ||
    provinceCodes !== null ||
    target.minPopulation != null ||
    target.maxPopulation != null;
  if (!target.all && !hasFilter) {
    throw badInput('target', 'indicare all: true oppure almeno un filtro (comuneIds, popolazione, province)');
  }
  if (comuneIds !== null) {
    if (comuneIds.length === 0 || comuneIds.length > MAX_LIST) {
      throw badInput('target.comuneIds', `da 1 a ${MAX_LIST} comuni`);
    }
    const bad = comuneIds.find((id) => !UUID.test(id));
    if (bad !== undefined) throw badInput('target.comuneIds', `identificativo non valido: «${echo(bad)}»`);
  }
  if (provinceCodes !== null) {
    if (provinceCodes.length === 0 || provinceCodes.length > 200) {
      throw badInput('target.provinceCodes', 'da 1 a 200 codici di provincia');
    }
    const bad = provinceCodes.find((code) => !PROVINCE.test(code));
    if (bad !== undefined)
      throw badInput('target.provinceCodes', `«${echo(bad)}» non è un codice ISTAT di provincia (3 cifre)`);
  }
  for (const field of ['minPopulation', 'maxPopulation'] as const) {
    const value = target[field];
    if (value != null && (!Number.isInteger(value) || value < 0 || value > 10_000_000)) {
      throw badInput(`target.${field}`, 'un numero intero di abitanti tra 0 e 10.000.000');
    }
  }
  const inherited = Math.max(0, ...lineMinPopulations.map((value) => value ?? 0)) || null;
  const minPopulation =
    target.minPopulation == null ? inherited : Math.max(target.minPopulation, inherited ?? 0);
  const maxPopulation = target.maxPopulation ?? null;
  if (minPopulation !== null && maxPopulation !== null && minPopulation > maxPopulation) {
    throw badInput('target.maxPopulation', `inferiore alla popolazione minima (${minPopulation})`);
  }
  return {
    all: Boolean(target.all),
    comuneIds: comuneIds ? [...new Set(comuneIds.map((id) => id.toLowerCase()))].sort() : null,
    minPopulation,
    maxPopulation,
    provinceCodes: provinceCodes ? [...new Set(provinceCodes)].sort() : null,
  };
}

/**
 * The SQL condition selecting the members a stored target reaches; `c` is the comune row and
 * `target` a jsonb expression. Evaluated in the database, so counts, fan-out and previews agree.
 */
export function targetedBy(target: string): string {
  return `(
    (${target}->'comuneIds' IS NULL OR jsonb_typeof(${target}->'comuneIds') = 'null'
      OR ${target}->'comuneIds' ? c.id::text)
    AND (${target}->'provinceCodes' IS NULL OR jsonb_typeof(${target}->'provinceCodes') = 'null'
      OR ${target}->'provinceCodes' ? c.province_code)
    AND (${target}->>'minPopulation' IS NULL OR c.population >= (${target}->>'minPopulation')::int)
    AND (${target}->>'maxPopulation' IS NULL OR c.population <= (${target}->>'maxPopulation')::int)
  )`;
}
