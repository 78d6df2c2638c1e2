import { CatalogParseError } from '../parsing/catalog-parse.error';
import type { DeadlineKind, SourceRef } from '../parsing/catalog.types';
import { daysInMonth, isoDate, normaliseSpace } from '../parsing/plan-line.util';
import type { DeadlinePrecision, LineDeadline } from './facts.types';

export const MONTHS = [
  'gennaio',
  'febbraio',
  'marzo',
  'aprile',
  'maggio',
  'giugno',
  'luglio',
  'agosto',
  'settembre',
  'ottobre',
  'novembre',
  'dicembre',
] as const;

/** The months a period of a year covers, and how precisely it names a day. */
export interface Period {
  precision: DeadlinePrecision;
  firstMonth: number;
  lastMonth: number;
  /** A named day (precision DAY). */
  day?: number;
}

/**
 * How AgID names the moment of a line, one rule per shape, tried in order on the words between
 * the keyword ("Da", "Entro") and the year. The id of the rule that decided is kept with the
 * deadline, so that the facts file says which rule read which line.
 */
export interface PeriodRule {
  id: string;
  description: string;
  pattern: RegExp;
  period(match: RegExpExecArray): Period;
}

const ORDINALS: Record<string, number> = {
  primo: 1,
  prima: 1,
  secondo: 2,
  terzo: 3,
  quarto: 4,
  i: 1,
  ii: 2,
  iii: 3,
  iv: 4,
  '1°': 1,
  '2°': 2,
  '3°': 3,
  '4°': 4,
  '1': 1,
  '2': 2,
  '3': 3,
  '4': 4,
};
const ORDINAL = String.raw`(primo|secondo|terzo|quarto|iv|iii|ii|i|[1-4]°?)`;
const MONTH = `(${MONTHS.join('|')})`;

export const PERIOD_RULES: readonly PeriodRule[] = [
  {
    id: 'D-GIORNO',
    description: 'un giorno del mese ("23 settembre"): quel giorno',
    pattern: new RegExp(String.raw`^(?:il\s+)?(\d{1,2})°?\s+${MONTH}$`, 'iu'),
    period: (m) => {
      const month = monthNumber(m[2])!;
      return { precision: 'DAY', firstMonth: month, lastMonth: month, day: Number(m[1]) };
    },
  },
  {
    id: 'D-MESE',
    description: 'un mese ("dicembre"): Entro = ultimo giorno del mese, Da = primo giorno',
    pattern: new RegExp(String.raw`^(?:(?:il\s+)?(?:mese\s+di|fine)\s+)?${MONTH}$`, 'iu'),
    period: (m) => {
      const month = monthNumber(m[1])!;
      return { precision: 'MONTH', firstMonth: month, lastMonth: month };
    },
  },
  {
    id: 'D-TRIMESTRE',
    description: 'un trimestre ("terzo trimestre", "Q3"): Entro = ultimo giorno del trimestre',
    pattern: new RegExp(
      String.raw`^(?:(?:il|l['’])\s*)?(?:${ORDINAL}\s+trimestre(?:\s+del(?:l['’])?)?|q([1-4]))$`,
      'iu',
    ),
    period: (m) => {
      const quarter = m[2] ? Number(m[2]) : ORDINALS[m[1].toLowerCase()];
      return { precision: 'QUARTER', firstMonth: quarter * 3 - 2, lastMonth: quarter * 3 };
    },
  },
  {
    id: 'D-SEMESTRE',
    description: 'un semestre ("primo semestre", "II semestre"): Entro = ultimo giorno del semestre',
    pattern: new RegExp(String.raw`^(?:(?:il|l['’])\s*)?${ORDINAL}\s+semestre(?:\s+del(?:l['’])?)?$`, 'iu'),
    period: (m) => {
      const half = ORDINALS[m[1].toLowerCase()];
      return { precision: 'SEMESTER', firstMonth: half * 6 - 5, lastMonth: half * 6 };
    },
  },
  {
    id: 'D-ANNO',
    description: 'un anno ("Entro il 2025", "Entro fine 2025"): Entro = 31 dicembre, Da = 1° gennaio',
    pattern: /^(?:il|l['’]\s*anno|fine|la\s+fine\s+del(?:l['’]\s*anno)?)?$/iu,
    period: () => ({ precision: 'YEAR', firstMonth: 1, lastMonth: 12 }),
  },
];

/** Which way a date points: "Da" opens a duty in force from then, "Entro" closes a deadline. */
export interface KeywordRule {
  id: string;
  description: string;
  pattern: RegExp;
  kind: 'FROM' | 'BY';
}

export const KEYWORD_RULES: readonly KeywordRule[] = [
  {
    id: 'K-DA',
    description: '"Da", "Dal", "A partire da": un obbligo in vigore da quel momento (primo giorno)',
    pattern: /^(?:a\s+partire\s+da(?:l|ll['’]|lla)?|da(?:l|ll['’]|lla)?)$/iu,
    kind: 'FROM',
  },
  {
    id: 'K-ENTRO',
    description: '"Entro", "Non oltre": una scadenza (ultimo giorno del periodo)',
    pattern: /^(?:entro|non\s+oltre)$/iu,
    kind: 'BY',
  },
];

/** 2024-2026 writes only the month ("Dicembre 2024 - ..."): the date by which the line is due. */
export const BARE_DATE_RULE = {
  id: 'K-DATA',
  description: 'data senza parola chiave ("Dicembre 2024 -"): una scadenza',
};

export const BODY_DAY_RULE = {
  id: 'D-GIORNO-NEL-TESTO',
  description:
    'il testo precisa il giorno nel mese e nell\'anno della data iniziale ("entro il 23 settembre")',
};
export const SECOND_DEADLINE_RULE = {
  id: 'D-SECONDA-SCADENZA',
  description:
    'il testo fissa un\'altra scadenza ("entro Dicembre 2025"): tenuta con la frase in cui compare',
};
export const ASTERISK_RULE = {
  id: 'Q-RIPIANIFICATA',
  description: "asterisco dopo la data: linea ripianificata dall'aggiornamento (guida alla lettura di AgID)",
};

const KEYWORD = String.raw`(a\s+partire\s+da(?:l|ll['’]|lla)?|da(?:l|ll['’]|lla)?|entro|non\s+oltre)`;
/**
 * The date that opens a line: an optional keyword, the words of the period (at most four: "il
 * primo semestre del"), a four-digit year, AgID's asterisk for a rescheduled line, qualifiers in
 * brackets ("(in corso)", "(o altro termine indicato nel Regolamento)"), then the dash.
 */
const DATE_PREFIX = new RegExp(
  String.raw`^(?:${KEYWORD}\s*)?((?:[\p{L}\d°'’]+\s+){0,4}?)(\d{4})(?!\d)\s*(\*\s*)?((?:\([^)]*\)\s*)*)(?:[-–—:]\s*)?`,
  'iu',
);
/** Dates inside the text: "entro il 23 settembre 2023", "entro Dicembre 2025", "entro il 23 settembre". */
const BODY_DATE = new RegExp(
  String.raw`\b(?:entro|non\s+oltre)\s+(?<when>(?:il\s+)?(?:\d{1,2}°?\s+)?(?:${MONTHS.join('|')}))(?:\s+(?<year>\d{4}))?(?!\d)`,
  'giu',
);

export function monthNumber(word: string): number | null {
  const index = (MONTHS as readonly string[]).indexOf(word.toLowerCase());
  return index < 0 ? null : index + 1;
}

export interface DatedText {
  deadlineKind: DeadlineKind;
  /** The first deadline's date: what the line is due by, or in force from. */
  deadline: string | null;
  deadlines: LineDeadline[];
  /** The text after the date prefix (the whole text when there is none). */
  body: string;
}

const UNKNOWN_SOURCE: SourceRef = { file: '<testo>', line: 1 };

function periodOf(words: string): { rule: PeriodRule; period: Period } | null {
  for (const rule of PERIOD_RULES) {
    const m = rule.pattern.exec(words);
    if (m) return { rule, period: rule.period(m) };
  }
  return null;
}

function resolveDate(kind: 'FROM' | 'BY', period: Period, year: number): string {
  if (period.day !== undefined) return isoDate(year, period.firstMonth, period.day);
  return kind === 'FROM'
    ? isoDate(year, period.firstMonth, 1)
    : isoDate(year, period.lastMonth, daysInMonth(year, period.lastMonth));
}

function checkDay(period: Period, year: number, at: SourceRef): void {
  if (period.day === undefined) return;
  if (period.day < 1 || period.day > daysInMonth(year, period.firstMonth)) {
    throw new CatalogParseError(
      at.file,
      at.line,
      `giorno non valido: ${period.day} ${MONTHS[period.firstMonth - 1]} ${year}`,
    );
  }
}

/** The sentence of `body` around `index`: what a second deadline is about. */
function sentenceAround(body: string, index: number): string {
  const start = body.lastIndexOf('. ', index) + 1;
  const end = body.indexOf('. ', index);
  return body.slice(start, end < 0 ? body.length : end + 1).trim();
}

interface Opening {
  deadline: LineDeadline;
  period: Period;
  year: number;
  body: string;
}

/** Reads the date prefix; null when the text does not open with a date. */
function readOpening(text: string, at: SourceRef): Opening | null {
  const m = DATE_PREFIX.exec(text);
  if (!m) return null;
  const [prefix, keywordText, periodWords, yearText, asterisk, qualifiers] = m;
  const words = periodWords.trim();
  const found = periodOf(words);
  if (!found) {
    // "Target 2024 - ..." is not a date; after "Da"/"Entro" an unknown word is a misprint.
    if (keywordText === undefined) return null;
    throw new CatalogParseError(
      at.file,
      at.line,
      `mese sconosciuto "${words}" nella data "${prefix.trim()}"`,
    );
  }
  const keyword = keywordText === undefined ? null : KEYWORD_RULES.find((r) => r.pattern.test(keywordText));
  // A bare year ("2025 - ...") or a bare period word without a keyword is not a date AgID writes.
  if (!keyword && found.rule.id !== 'D-MESE' && found.rule.id !== 'D-GIORNO') return null;
  const year = Number(yearText);
  checkDay(found.period, year, at);
  const kind = keyword?.kind ?? 'BY';
  const qualifierParts = [qualifiers.trim()].filter(Boolean);
  const rules = [keyword?.id ?? BARE_DATE_RULE.id, found.rule.id];
  if (asterisk) {
    qualifierParts.push('* (linea ripianificata)');
    rules.push(ASTERISK_RULE.id);
  }
  const wordsAsWritten = normaliseSpace(
    `${keywordText ?? ''} ${periodWords} ${yearText}`.replace(/\s+/g, ' '),
  );
  return {
    deadline: {
      kind,
      date: resolveDate(kind, found.period, year),
      precision: found.period.precision,
      words: wordsAsWritten,
      qualifier: qualifierParts.length ? qualifierParts.join(' ') : null,
      rules,
    },
    period: found.period,
    year,
    body: text.slice(prefix.length).trim(),
  };
}

/**
 * Dates the body names. A day in the opening's month and year sharpens the opening deadline
 * ("Entro settembre 2023 - ... entro il 23 settembre 2023"); any other date is a deadline of its
 * own, kept with the sentence that says what it is for.
 */
function readBodyDates(body: string, opening: Opening | null, at: SourceRef): LineDeadline[] {
  const days = new Set<number>();
  const others: LineDeadline[] = [];
  for (const m of body.matchAll(BODY_DATE)) {
    const words = (m.groups?.when ?? '').replace(/^il\s+/i, '');
    const found = periodOf(words);
    if (!found) continue;
    const year = m.groups?.year !== undefined ? Number(m.groups.year) : opening?.year;
    if (year === undefined) continue;
    checkDay(found.period, year, at);
    const sameMonth =
      opening !== null &&
      year === opening.year &&
      found.period.firstMonth === opening.period.firstMonth &&
      opening.period.precision === 'MONTH';
    if (sameMonth && found.period.day !== undefined) {
      days.add(found.period.day);
      continue;
    }
    const date = resolveDate('BY', found.period, year);
    if (opening?.deadline.date === date || others.some((d) => d.date === date)) continue;
    others.push({
      kind: 'BY',
      date,
      precision: found.period.precision,
      words: normaliseSpace(m[0]),
      qualifier: sentenceAround(body, m.index),
      rules: [SECOND_DEADLINE_RULE.id, found.rule.id],
    });
  }
  if (days.size > 1 && opening) {
    throw new CatalogParseError(
      at.file,
      at.line,
      `il testo indica più giorni diversi per ${MONTHS[opening.period.firstMonth - 1]} ${opening.year}: ${[...days].join(', ')}`,
    );
  }
  if (days.size === 1 && opening) {
    const [day] = [...days];
    checkDay({ ...opening.period, day }, opening.year, at);
    const deadline = opening.deadline;
    deadline.date = isoDate(opening.year, opening.period.firstMonth, day);
    deadline.precision = 'DAY';
    deadline.rules = [...deadline.rules, BODY_DAY_RULE.id];
  }
  return others;
}

/**
 * Reads the deadlines of a line as AgID prints it ("Entro dicembre 2023 – I Comuni ..."): the
 * opening date and any other date the text sets, each with its qualifier. "Entro <mese>" is the
 * last day of the month, "Da <mese>" the first, a named day that day, a quarter, semester or year
 * its last day (its first after "Da").
 */
export function readDeadlines(text: string, at: SourceRef = UNKNOWN_SOURCE): DatedText {
  const normalised = normaliseSpace(text);
  const opening = readOpening(normalised, at);
  const body = opening ? opening.body : normalised;
  const others = readBodyDates(body, opening, at);
  const deadlines = opening ? [opening.deadline, ...others] : others;
  const first = deadlines[0] ?? null;
  return {
    deadlineKind: first ? first.kind : 'NONE',
    deadline: first ? first.date : null,
    deadlines,
    body,
  };
}
