import { BODY_KINDS, BodyKind, ComuniScope } from './facts.types';

/** What deciding whether a line reaches a comune needs of the line. */
export interface ApplicableLine {
  code: string;
  bodies: readonly BodyKind[];
  comuniScope: ComuniScope;
  minPopulation: number | null;
  maxPopulation: number | null;
}

/** What it needs of the comune: its population (ISTAT, 1 January 2021) and whether it is a metropolitan capital. */
export interface ApplicableComune {
  population: number;
  metropolitanCapital: boolean;
}

/**
 * SQL: whether line `l` (a plan_line row) reaches comune `c` (a comune row): the kinds of body it
 * addresses take in that comune, and its population is within the band. The fan-out, the counts
 * and the preview all select members with it, so they agree with `exclusionReason`.
 */
export function lineReachesComuneSql(l: string, c: string): string {
  return `((${l}.comuni_scope = 'ALL' OR (${l}.comuni_scope = 'METROPOLITAN_CAPITALS' AND ${c}.metropolitan_capital))
    AND (${l}.min_population IS NULL OR ${c}.population >= ${l}.min_population)
    AND (${l}.max_population IS NULL OR ${c}.population <= ${l}.max_population))`;
}

/** "alle Regioni e Province autonome": the kinds of body as a sentence says them. */
export const BODY_PHRASE: Record<BodyKind, string> = {
  ALL_ADMINISTRATIONS: 'a tutte le PA',
  LOCAL_ADMINISTRATIONS: 'alle PA locali',
  LOCAL_AUTHORITIES: 'agli enti locali',
  MUNICIPALITIES: 'ai Comuni',
  METROPOLITAN_CAPITALS: 'ai Comuni capoluogo di Città metropolitana',
  METROPOLITAN_CITIES: 'alle Città metropolitane',
  PROVINCES: 'alle Province',
  REGIONS: 'alle Regioni e Province autonome',
  MUNICIPAL_UNIONS: 'alle Unioni di Comuni e Comunità montane',
  CENTRAL_ADMINISTRATIONS: 'alle PA centrali',
  HEALTH_BODIES: 'alle strutture sanitarie',
  SCHOOLS: 'alle istituzioni scolastiche',
  UNIVERSITIES: 'alle Università e AFAM',
  MUSEUMS: 'ai musei',
  CONTRACTING_AUTHORITIES: 'alle stazioni appaltanti',
  PURCHASING_AGGREGATORS: 'ai soggetti aggregatori',
  CITIZENS_AND_BUSINESSES: 'a cittadini e imprese',
};

const inhabitants = (value: number) => value.toLocaleString('it-IT', { useGrouping: 'always' });

/** The order a sentence names kinds of body in: the largest first, as AgID does. */
const LEADING: readonly BodyKind[] = [
  'ALL_ADMINISTRATIONS',
  'CENTRAL_ADMINISTRATIONS',
  'REGIONS',
  'METROPOLITAN_CITIES',
  'PROVINCES',
];
const SENTENCE_ORDER: readonly BodyKind[] = [
  ...LEADING,
  ...BODY_KINDS.filter((body) => !LEADING.includes(body)),
];

export function addressedTo(bodies: readonly BodyKind[]): string {
  const phrases = [...bodies]
    .sort((a, b) => SENTENCE_ORDER.indexOf(a) - SENTENCE_ORDER.indexOf(b))
    .map((body) => BODY_PHRASE[body]);
  return phrases.length > 1
    ? `${phrases.slice(0, -1).join(', ')} e ${phrases[phrases.length - 1]}`
    : (phrases[0] ?? '');
}

/** "fascia 5.000-10.000 abitanti", "almeno 15.001 abitanti", "al massimo 4.999 abitanti"; null without a band. */
export function bandPhrase(line: Pick<ApplicableLine, 'minPopulation' | 'maxPopulation'>): string | null {
  const { minPopulation: min, maxPopulation: max } = line;
  if (min !== null && max !== null) return `fascia ${inhabitants(min)}-${inhabitants(max)} abitanti`;
  if (min !== null) return `almeno ${inhabitants(min)} abitanti`;
  if (max !== null) return `al massimo ${inhabitants(max)} abitanti`;
  return null;
}

/**
 * Why a line leaves a comune out, as the office reads it ("linea rivolta alle Regioni e Province
 * autonome", "fuori dalla fascia 5.000-10.000 abitanti"); null when the line reaches it.
 */
export function exclusionReason(line: ApplicableLine, comune: ApplicableComune): string | null {
  if (line.comuniScope === 'NONE')
    return `${line.code}: linea rivolta ${addressedTo(line.bodies)}, non ai Comuni`;
  if (line.comuniScope === 'METROPOLITAN_CAPITALS' && !comune.metropolitanCapital) {
    return `${line.code}: linea rivolta ${addressedTo(line.bodies)}; il Comune non è capoluogo di Città metropolitana`;
  }
  const below = line.minPopulation !== null && comune.population < line.minPopulation;
  const above = line.maxPopulation !== null && comune.population > line.maxPopulation;
  if (!below && !above) return null;
  const band = bandPhrase(line)!;
  if (line.minPopulation !== null && line.maxPopulation !== null) return `${line.code}: fuori dalla ${band}`;
  return `${line.code}: ${below ? 'sotto' : 'oltre'} la soglia di ${band.replace(/^(almeno|al massimo) /, '')}`;
}
