import { CatalogParseError } from './catalog-parse.error';
import { DeadlineKind, SourceRef } from './catalog.types';
import { daysInMonth, isoDate, normaliseSpace } from './plan-line.util';

const MONTHS = [
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
];

/**
 * The date that opens a line: an optional "Da/Dal/Entro [il]", an optional day, a word that must
 * be a month, a four-digit year, optional qualifiers in brackets ("(in corso)", "(o altro termine
 * indicato nel Regolamento)"), then the dash that separates the date from the text.
 */
const DATE_PREFIX =
  /^(?:(da|dal|entro)\s+(?:il\s+)?)?(?:(\d{1,2})°?\s+)?(\p{L}+)\s+(\d{4})(?!\d)\s*((?:\([^)]*\)\s*)*)(?:[-–—:]\s*)?/iu;

export interface DatedText {
  deadlineKind: DeadlineKind;
  deadline: string | null;
  /** The text after the date prefix (the whole text when there is none). */
  body: string;
}

const UNKNOWN_SOURCE: SourceRef = { file: '<testo>', line: 1 };

function monthNumber(word: string): number | null {
  const index = MONTHS.indexOf(word.toLowerCase());
  return index < 0 ? null : index + 1;
}

/**
 * Lines such as "Entro settembre 2023 - I Comuni pubblicano, entro il 23 settembre 2023, ..." name
 * the real day only in the body; it is kept when it falls in the prefix's month and year.
 */
function dayNamedInBody(body: string, month: number, year: number, at: SourceRef): number | null {
  const pattern = new RegExp(`(?<!\\d)(\\d{1,2})°?\\s+${MONTHS[month - 1]}(?:\\s+(\\d{4}))?(?!\\d)`, 'giu');
  const days = new Set<number>();
  for (const m of body.matchAll(pattern)) {
    if (m[2] === undefined || Number(m[2]) === year) days.add(Number(m[1]));
  }
  if (days.size > 1) {
    throw new CatalogParseError(
      at.file,
      at.line,
      `il testo indica più giorni diversi per ${MONTHS[month - 1]} ${year}: ${[...days].join(', ')}`,
    );
  }
  return days.size === 1 ? [...days][0] : null;
}

/**
 * Splits the date prefix from a line's text. A bare "<mese> <anno>" (the 2024-2026 style) is a
 * deadline: that edition lists for each line the date by which it is due. A word before a year
 * that is not a month is a date error after "Da/Entro", and plain text otherwise ("Target 2024").
 */
export function splitDatePrefix(text: string, at: SourceRef = UNKNOWN_SOURCE): DatedText {
  const normalised = normaliseSpace(text);
  const m = DATE_PREFIX.exec(normalised);
  if (!m) return { deadlineKind: 'NONE', deadline: null, body: normalised };
  const [prefix, keyword, dayText, monthWord, yearText] = m;
  const month = monthNumber(monthWord);
  if (month === null) {
    if (keyword !== undefined) {
      throw new CatalogParseError(
        at.file,
        at.line,
        `mese sconosciuto "${monthWord}" nella data "${prefix.trim()}"`,
      );
    }
    return { deadlineKind: 'NONE', deadline: null, body: normalised };
  }
  const year = Number(yearText);
  const body = normalised.slice(prefix.length).trim();
  const day = dayText !== undefined ? Number(dayText) : (dayNamedInBody(body, month, year, at) ?? 1);
  if (day < 1 || day > daysInMonth(year, month)) {
    throw new CatalogParseError(at.file, at.line, `giorno non valido: ${day} ${MONTHS[month - 1]} ${year}`);
  }
  const deadlineKind: DeadlineKind =
    keyword !== undefined && keyword.toLowerCase().startsWith('da') ? 'FROM' : 'BY';
  return { deadlineKind, deadline: isoDate(year, month, day), body };
}

export function parseDeadline(
  text: string,
  at: SourceRef = UNKNOWN_SOURCE,
): { deadlineKind: DeadlineKind; deadline: string | null } {
  const { deadlineKind, deadline } = splitDatePrefix(text, at);
  return { deadlineKind, deadline };
}
