/**
 * "Da <mese> <anno>" opens an obligation that stays in force (FROM); "Entro <mese> <anno>" sets a
 * deadline (BY); lines in force without a date carry NONE.
 */
export type DeadlineKind = 'FROM' | 'BY' | 'NONE';

/** Where a line was read: `file` is relative to the directory or file handed to the parser, `line` is 1-based. */
export interface SourceRef {
  file: string;
  line: number;
}

export interface ParsedPlanLine {
  /** "CAP1.PA.LA19", "CAP3.PA.19", or "LOC.CAP3.01" for a consortium-local line. */
  code: string;
  chapter: number;
  chapterTitle: string;
  /** Sorted and unique; a line listed under two objectives appears once with both. */
  objectiveCodes: string[];
  /** Whitespace-normalised, without the date prefix and the code suffix. */
  text: string;
  deadlineKind: DeadlineKind;
  /** "YYYY-MM-DD"; day 1 unless the text names the day. */
  deadline: string | null;
  /** Smallest population of a Comune the line applies to; null when it applies regardless of size. */
  minPopulation: number | null;
  /** True for lines of the associated office that have no AgID code. */
  local: boolean;
  source: SourceRef;
}

export interface ParsedEdition {
  code: string;
  title: string;
  /** Sorted by chapter, then code. */
  lines: ParsedPlanLine[];
}
