import type { BodyKind, ComuniScope } from './facts.types';
import { attributionOf, subjectOf } from './subject';

/**
 * One way AgID names a kind of body. Rules are tried in this order on the subject of the line,
 * and the words a rule matched are taken out before the next one reads, so that "Comuni
 * capoluogo delle Città metropolitane" is not also "Comuni" and "Città metropolitane", nor
 * "Unione di Comuni" also "Comuni".
 */
export interface BodyRule {
  id: string;
  description: string;
  pattern: RegExp;
  bodies: BodyKind[];
  /** A condition the kind itself implies, shown to the office as text. */
  condition?: string;
}

export const BODY_RULES: readonly BodyRule[] = [
  {
    id: 'B-CAPOLUOGHI-CM',
    description: 'Comuni capoluogo delle Città metropolitane',
    pattern: /\b(?:comuni\s+)?capoluog(?:hi|o)\s+(?:delle|di)\s+citt[àa]\s+metropolitan[ae](?!\p{L})/giu,
    bodies: ['METROPOLITAN_CAPITALS'],
  },
  {
    id: 'B-UNIONI',
    description: 'Unioni di Comuni, consorzi e associazioni, Comunità montane o isolane',
    pattern:
      /\bunion[ei]\s+di\s+comuni(?!\p{L})|\b(?:altri\s+tipi\s+di\s+)?consorzi(?:\s+e\s+associazioni)?(?!\p{L})|\bcomunit[àa]\s+montan[ae](?:\s+o\s+isolan[ae])?(?!\p{L})/giu,
    bodies: ['MUNICIPAL_UNIONS'],
  },
  {
    id: 'B-CITTA-METROPOLITANE',
    description: 'Città metropolitane',
    pattern: /\bcitt[àa]\s+metropolitan[ae](?!\p{L})/giu,
    bodies: ['METROPOLITAN_CITIES'],
  },
  {
    id: 'B-REGIONI',
    description: 'Regioni, Province autonome, enti territoriali regionali',
    pattern:
      /\bregion[ei](?!\p{L})|\bprovince\s+autonome(?!\p{L})|\bente\s+territoriale\s+regionale(?!\p{L})/giu,
    bodies: ['REGIONS'],
  },
  {
    id: 'B-PROVINCE',
    description: 'Province',
    pattern: /\bprovinc[eia]a?(?!\p{L})/giu,
    bodies: ['PROVINCES'],
  },
  {
    id: 'B-PA-CENTRALI',
    description: 'PA centrali (PAC)',
    pattern: /\bPAC(?!\p{L})|\bPA\s+central[ei](?!\p{L})|\bamministrazion[ei]\s+central[ei](?!\p{L})/gu,
    bodies: ['CENTRAL_ADMINISTRATIONS'],
  },
  {
    id: 'B-PA-LOCALI',
    description: 'PA locali (PAL)',
    pattern: /\bPAL(?!\p{L})|\bPA\s+local[ei](?!\p{L})|\bamministrazion[ei]\s+local[ei](?!\p{L})/gu,
    bodies: ['LOCAL_ADMINISTRATIONS'],
  },
  {
    id: 'B-ENTI-LOCALI',
    description: 'Enti locali',
    pattern: /\benti\s+locali(?!\p{L})/giu,
    bodies: ['LOCAL_AUTHORITIES'],
  },
  {
    id: 'B-COMUNI',
    description: 'Comuni',
    pattern: /\bcomun[ei](?!\p{L})/giu,
    bodies: ['MUNICIPALITIES'],
  },
  {
    id: 'B-SANITA',
    description: 'strutture e aziende sanitarie, aziende ospedaliere',
    pattern:
      /\bstrutture\s+sanitarie(?!\p{L})|\baziende\s+(?:sanitarie|ospedaliere)(?!\p{L})|\bASL(?!\p{L})/giu,
    bodies: ['HEALTH_BODIES'],
  },
  {
    id: 'B-SCUOLE',
    description: 'istituzioni scolastiche',
    pattern: /\bistituzioni\s+scolastiche(?!\p{L})|\bistituti\s+scolastici(?!\p{L})|\bscuol[ae](?!\p{L})/giu,
    bodies: ['SCHOOLS'],
  },
  {
    id: 'B-UNIVERSITA',
    description: 'Università, AFAM, enti e centri di ricerca',
    pattern:
      /\buniversit[àa](?!\p{L})|\bAFAM(?!\p{L})|\bent[ei]\s+(?:e\s+centr[oi]\s+)?di\s+ricerca(?!\p{L})/giu,
    bodies: ['UNIVERSITIES'],
  },
  {
    id: 'B-MUSEI',
    description: 'musei statali e non statali',
    pattern: /\bmuse[io](?!\p{L})/giu,
    bodies: ['MUSEUMS'],
  },
  {
    id: 'B-STAZIONI-APPALTANTI',
    description: 'stazioni appaltanti',
    pattern: /\bstazioni\s+appaltanti(?!\p{L})/giu,
    bodies: ['CONTRACTING_AUTHORITIES'],
    condition: 'quando il Comune opera come stazione appaltante',
  },
  {
    id: 'B-AGGREGATORI',
    description: 'soggetti aggregatori',
    pattern: /\bsoggetti\s+aggregatori(?!\p{L})/giu,
    bodies: ['PURCHASING_AGGREGATORS'],
  },
  {
    id: 'B-CITTADINI',
    description: 'cittadini e imprese',
    pattern: /\bcittadini\s+e\s+(?:le\s+)?imprese(?!\p{L})/giu,
    bodies: ['CITIZENS_AND_BUSINESSES'],
  },
  {
    id: 'B-PA',
    description: 'le PA, le pubbliche amministrazioni, le amministrazioni, i soggetti obbligati',
    pattern:
      /\bPA(?!\p{L})|\bpubbliche\s+amministrazioni(?!\p{L})|\bamministrazioni(?!\p{L})|\bsoggetti\s+obbligati(?!\p{L})/giu,
    bodies: ['ALL_ADMINISTRATIONS'],
  },
];

export const LOCAL_LINE_RULE = {
  id: 'B-LINEA-LOCALE',
  description: 'linea locale del consorzio: rivolta ai suoi Comuni',
};
export const DEFAULT_BODY_RULE = {
  id: 'B-NESSUN-SOGGETTO',
  description: 'il testo non nomina un soggetto: tutte le PA (da verificare nel file dei fatti)',
};

/** Kinds that take in every comune; a comune is also a contracting authority when it buys. */
const REACHES_ALL_COMUNI: ReadonlySet<BodyKind> = new Set([
  'ALL_ADMINISTRATIONS',
  'LOCAL_ADMINISTRATIONS',
  'LOCAL_AUTHORITIES',
  'MUNICIPALITIES',
  'CONTRACTING_AUTHORITIES',
]);

export function comuniScopeOf(bodies: readonly BodyKind[]): ComuniScope {
  if (bodies.some((body) => REACHES_ALL_COMUNI.has(body))) return 'ALL';
  if (bodies.includes('METROPOLITAN_CAPITALS')) return 'METROPOLITAN_CAPITALS';
  return 'NONE';
}

export interface BodiesReading {
  bodies: BodyKind[];
  conditions: string[];
  rules: string[];
}

/** The kinds of body a line addresses, from its closing attribution, else its subject, else its text. */
export function readBodies(text: string, local: boolean): BodiesReading {
  if (local) return { bodies: ['MUNICIPALITIES'], conditions: [], rules: [LOCAL_LINE_RULE.id] };
  const zone = attributionOf(text) ?? subjectOf(text) ?? text;
  let rest = zone;
  const bodies: BodyKind[] = [];
  const conditions: string[] = [];
  const rules: string[] = [];
  for (const rule of BODY_RULES) {
    rule.pattern.lastIndex = 0;
    if (!rule.pattern.test(rest)) continue;
    rule.pattern.lastIndex = 0;
    rest = rest.replace(rule.pattern, ' ');
    for (const body of rule.bodies) if (!bodies.includes(body)) bodies.push(body);
    if (rule.condition) conditions.push(rule.condition);
    rules.push(rule.id);
  }
  if (bodies.length === 0)
    return { bodies: ['ALL_ADMINISTRATIONS'], conditions, rules: [DEFAULT_BODY_RULE.id] };
  return { bodies, conditions, rules };
}
