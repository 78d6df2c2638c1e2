const NUMBER = String.raw`(\d{1,3}(?:[.\s]\d{3})+|\d+)`;
const ABITANTI = String.raw`\s+abitanti`;

/** A population band a line's text sets for the comuni it addresses; bounds are inclusive. */
export interface PopulationBand {
  min: number | null;
  max: number | null;
  rule: string;
}

/**
 * One shape of words that bounds the population, with the bounds it gives. "Tra 5.000 e 10.000"
 * includes both ends, as the words say; "superiore a 15.000" starts at 15.001.
 */
export interface BandRule {
  id: string;
  description: string;
  pattern: RegExp;
  band(values: number[]): { min: number | null; max: number | null };
}

export const BAND_RULES: readonly BandRule[] = [
  {
    id: 'P-TRA',
    description: '"tra X e Y abitanti": da X a Y compresi',
    pattern: new RegExp(
      String.raw`\b(?:tra|fra|da)\s+(?:i\s+)?${NUMBER}\s+(?:e|a)\s+(?:i\s+)?${NUMBER}${ABITANTI}`,
      'iu',
    ),
    band: ([low, high]) => ({ min: low, max: high }),
  },
  {
    id: 'P-ALMENO',
    description: '"almeno X", "pari o superiore a X", "non inferiore a X", "≥ X": da X',
    pattern: new RegExp(
      String.raw`(?:almeno|a\s+partire\s+da(?:i|gli)?|(?:pari\s+o\s+(?:superiore|maggiore)|(?:superiore|maggiore)\s+o\s+ugual[ei]|non\s+inferiore)\s+a(?:i|gli)?|≥|>=)\s*${NUMBER}${ABITANTI}`,
      'iu',
    ),
    band: ([value]) => ({ min: value, max: null }),
  },
  {
    id: 'P-OLTRE',
    description: '"superiore a X", "più di X", "oltre X", "> X": da X+1',
    pattern: new RegExp(
      String.raw`(?:(?:superiore|maggiore)\s+(?:a|ai|agli|di)|più\s+di|oltre(?:\s+(?:i|gli))?|sopra\s+(?:i|gli)|(?<![<>=≤≥])>)\s*${NUMBER}${ABITANTI}`,
      'iu',
    ),
    band: ([value]) => ({ min: value + 1, max: null }),
  },
  {
    id: 'P-FINO',
    description: '"fino a X", "non superiore a X", "pari o inferiore a X", "≤ X": fino a X',
    pattern: new RegExp(
      String.raw`(?:fino\s+a(?:i|gli)?|non\s+superiore\s+a(?:i|gli)?|pari\s+o\s+inferiore\s+a(?:i|gli)?|≤|<=)\s*${NUMBER}${ABITANTI}`,
      'iu',
    ),
    band: ([value]) => ({ min: null, max: value }),
  },
  {
    id: 'P-SOTTO',
    description: '"inferiore a X", "meno di X", "sotto i X", "< X": fino a X-1',
    pattern: new RegExp(
      String.raw`(?:(?:inferiore|minore)\s+(?:a|ai|agli|di)|meno\s+di|sotto\s+(?:i|gli)|(?<![<>=≤≥])<)\s*${NUMBER}${ABITANTI}`,
      'iu',
    ),
    band: ([value]) => ({ min: null, max: value - 1 }),
  },
];

function toInteger(text: string): number {
  return Number(text.replace(/[.\s]/g, ''));
}

/**
 * The band of the first population bound in reading order: the one that qualifies the comuni the
 * line addresses ("Ogni Comune con popolazione tra 5.000 e 10.000 abitanti ..."). Null when the
 * text sets none.
 */
export function readPopulationBand(text: string): PopulationBand | null {
  let best: { index: number; band: PopulationBand } | null = null;
  for (const rule of BAND_RULES) {
    const m = rule.pattern.exec(text);
    if (!m || (best !== null && m.index >= best.index)) continue;
    const values = m
      .slice(1)
      .filter((v) => v !== undefined)
      .map(toInteger);
    best = { index: m.index, band: { ...rule.band(values), rule: rule.id } };
  }
  return best?.band ?? null;
}
