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

/** The population band of a chosen line (inclusive bounds; null = none). */
export interface LineBand {
  minPopulation: number | null;
  maxPopulation: number | null;
}

const inhabitants = (value: number) => value.toLocaleString('it-IT', { useGrouping: 'always' });

/**
 * Validates a target and applies the lines' population bands: when a chosen line only concerns
 * municipalities in a band (CAP1.PA.LA19: more than 15,000 inhabitants; CAP5.PA.10: from 5,000 to
 * 10,000) and the target says nothing stricter, the target inherits the band. (The lines' kinds of
 * body are applied where members are selected: lineReachesComuneSql.)
 */
export function normaliseTarget(target: Target, lineBands: readonly LineBand[]): StoredTarget {
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
  const inheritedMin = Math.max(0, ...lineBands.map((band) => band.minPopulation ?? 0)) || null;
  const maxima = lineBands
    .map((band) => band.maxPopulation)
    .filter((value): value is number => value !== null);
  const inheritedMax = maxima.length ? Math.min(...maxima) : null;
  const minPopulation =
    target.minPopulation == null ? inheritedMin : Math.max(target.minPopulation, inheritedMin ?? 0);
  const maxPopulation =
    target.maxPopulation == null ? inheritedMax : Math.min(target.maxPopulation, inheritedMax ?? Infinity);
  if (minPopulation !== null && maxPopulation !== null && minPopulation > maxPopulation) {
    throw target.maxPopulation == null
      ? badInput(
          'target.minPopulation',
          `superiore alla popolazione massima delle linee scelte (${inhabitants(maxPopulation)} abitanti)`,
        )
      : badInput(
          'target.maxPopulation',
          `inferiore alla popolazione minima (${inhabitants(minPopulation)} abitanti)`,
        );
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
 * The office's own choice in a stored target: without the band its lines gave it (normaliseTarget),
 * so that other lines can give theirs (a change of lines, carrying forward to a new edition).
 */
export function ownTarget(stored: StoredTarget, lines: readonly LineBand[]): Target {
  const minima = lines.map((l) => l.minPopulation ?? 0);
  const maxima = lines.map((l) => l.maxPopulation).filter((v): v is number => v !== null);
  const inheritedMin = Math.max(0, ...minima) || null;
  const inheritedMax = maxima.length ? Math.min(...maxima) : null;
  const own: Target = {
    all: stored.all,
    comuneIds: stored.comuneIds,
    provinceCodes: stored.provinceCodes,
    minPopulation: stored.minPopulation === inheritedMin ? null : stored.minPopulation,
    maxPopulation: stored.maxPopulation === inheritedMax ? null : stored.maxPopulation,
  };
  const filtered =
    own.comuneIds || own.provinceCodes || own.minPopulation != null || own.maxPopulation != null;
  return filtered ? own : { ...own, all: true };
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
