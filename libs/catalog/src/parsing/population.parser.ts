const NUMBER = String.raw`(\d{1,3}(?:[.\s]\d{3})+|\d+)`;
const ABITANTI = String.raw`\s+abitanti`;

interface ThresholdRule {
  pattern: RegExp;
  /** The threshold counts itself in ("almeno 15.000") or not ("superiore a 15.000"). */
  inclusive: boolean;
}

/**
 * Only lower bounds are read, since the catalogue records the smallest Comune a line applies to;
 * a range ("tra 10.000 e 100.000 abitanti") yields its lower end, an upper bound alone yields null.
 */
const RULES: readonly ThresholdRule[] = [
  {
    pattern: new RegExp(
      String.raw`(?:pari\s+o\s+(?:superiore|maggiore)|(?:superiore|maggiore)\s+o\s+ugual[ei]|non\s+inferiore)\s+a(?:i|gli)?\s+${NUMBER}${ABITANTI}`,
      'iu',
    ),
    inclusive: true,
  },
  {
    pattern: new RegExp(String.raw`(?:almeno|a\s+partire\s+da(?:i|gli)?)\s+${NUMBER}${ABITANTI}`, 'iu'),
    inclusive: true,
  },
  { pattern: new RegExp(String.raw`(?:≥|>=)\s*${NUMBER}${ABITANTI}`, 'iu'), inclusive: true },
  {
    pattern: new RegExp(
      String.raw`\b(?:tra|fra)\s+(?:i\s+)?${NUMBER}\s+e\s+(?:i\s+)?${NUMBER}${ABITANTI}`,
      'iu',
    ),
    inclusive: true,
  },
  {
    pattern: new RegExp(String.raw`(?:superiore|maggiore)\s+(?:a|ai|agli|di)\s+${NUMBER}${ABITANTI}`, 'iu'),
    inclusive: false,
  },
  {
    pattern: new RegExp(
      String.raw`(?:più\s+di|oltre(?:\s+(?:i|gli))?|sopra\s+(?:i|gli))\s+${NUMBER}${ABITANTI}`,
      'iu',
    ),
    inclusive: false,
  },
  { pattern: new RegExp(String.raw`(?<![>=])>\s*${NUMBER}${ABITANTI}`, 'iu'), inclusive: false },
];

function toInteger(text: string): number {
  return Number(text.replace(/[.\s]/g, ''));
}

/** The first threshold in reading order wins: it is the one that qualifies the Comuni addressed. */
export function parseMinPopulation(text: string): number | null {
  let best: { index: number; value: number } | null = null;
  for (const rule of RULES) {
    const m = rule.pattern.exec(text);
    if (!m) continue;
    const value = toInteger(m[1]) + (rule.inclusive ? 0 : 1);
    if (best === null || m.index < best.index) best = { index: m.index, value };
  }
  return best === null ? null : best.value;
}
