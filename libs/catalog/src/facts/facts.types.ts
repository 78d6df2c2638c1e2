/** How precisely a deadline names its day: "23 settembre 2023" is a DAY, "dicembre 2023" a MONTH. */
export type DeadlinePrecision = 'DAY' | 'MONTH' | 'QUARTER' | 'SEMESTER' | 'YEAR';

/** One date of a line, as AgID writes it and as the product reads it. */
export interface LineDeadline {
  /** FROM: a duty in force from that day; BY: due by the end of that day. */
  kind: 'FROM' | 'BY';
  /** YYYY-MM-DD: the last day of the period for BY, the first for FROM, or the day named. */
  date: string;
  precision: DeadlinePrecision;
  /** The words of the source: "Entro dicembre 2023", "entro il 23 settembre 2023". */
  words: string;
  /**
   * What AgID adds to the date ("(o altro termine indicato nel Regolamento)", "(in corso)", the
   * asterisk of a rescheduled line), or for a later deadline the sentence it belongs to.
   */
  qualifier: string | null;
  /** Ids of the rules that read it (deadline.rules.ts). */
  rules: string[];
}

/**
 * The kinds of body a line addresses. A comune is reached by lines for every PA, for local PAs and
 * authorities, for comuni, and for contracting authorities (as such); lines for the capitals of the
 * metropolitan cities reach those comuni only; the others reach no comune.
 */
export const BODY_KINDS = [
  'ALL_ADMINISTRATIONS',
  'LOCAL_ADMINISTRATIONS',
  'LOCAL_AUTHORITIES',
  'MUNICIPALITIES',
  'METROPOLITAN_CAPITALS',
  'METROPOLITAN_CITIES',
  'PROVINCES',
  'REGIONS',
  'MUNICIPAL_UNIONS',
  'CENTRAL_ADMINISTRATIONS',
  'HEALTH_BODIES',
  'SCHOOLS',
  'UNIVERSITIES',
  'MUSEUMS',
  'CONTRACTING_AUTHORITIES',
  'PURCHASING_AGGREGATORS',
  'CITIZENS_AND_BUSINESSES',
] as const;
export type BodyKind = (typeof BODY_KINDS)[number];

/** Which comuni a line reaches, whatever their population: all, the metropolitan capitals, none. */
export type ComuniScope = 'ALL' | 'METROPOLITAN_CAPITALS' | 'NONE';

/** What a line says about who must do what by when, read from its text by the rule tables. */
export interface LineFacts {
  deadlines: LineDeadline[];
  /** Inclusive bounds of the comuni's population the line concerns; null = no bound. */
  minPopulation: number | null;
  maxPopulation: number | null;
  bodies: BodyKind[];
  comuniScope: ComuniScope;
  /** Conditions no data decides ("non ancora presente nel catalogo dati.gov.it"), shown as text. */
  conditions: string[];
  /** Every rule that decided something, in order (deadlines, band, bodies, conditions, overrides). */
  rules: string[];
}
