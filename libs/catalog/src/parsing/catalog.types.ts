import type { LineFacts } from '../facts/facts.types';

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

/** A line as a source prints it, before corrections and before the rules read its facts. */
export interface RawPlanLine {
  /** "CAP1.PA.LA19", "CAP3.PA.19", or "LOC.CAP3.01" for a consortium-local line. */
  code: string;
  chapter: number;
  chapterTitle: string;
  /** Sorted and unique; a line listed under two objectives appears once with both. */
  objectiveCodes: string[];
  /** Whitespace-normalised words of the line without its code: date, qualifiers and text. */
  printed: string;
  /** True for lines of the associated office that have no AgID code. */
  local: boolean;
  /** The source marks an opening date (AgID's bold "**Entro ...**"): it must read as one. */
  dated: boolean;
  /** Where AgID lists the line among "Linee di azione vigenti": carried over from an earlier plan. */
  carriedOver?: SourceRef | null;
  source: SourceRef;
}

/** A correction made to a source text, with the source it follows (docs/catalogue.md lists them). */
export interface TextCorrection {
  code: string;
  /** Words of the printed line replaced, exactly once. */
  find: string;
  replace: string;
  reason: string;
  source: string;
}

export interface ParsedPlanLine extends LineFacts {
  code: string;
  chapter: number;
  chapterTitle: string;
  objectiveCodes: string[];
  /** The printed words after corrections: what AgID wrote, date and qualifiers included. */
  printed: string;
  /** Whitespace-normalised, without the date prefix and the code suffix. */
  text: string;
  /** The first deadline: what the line is due by (BY), or in force from (FROM). */
  deadlineKind: DeadlineKind;
  deadline: string | null;
  local: boolean;
  corrections: TextCorrection[];
  carriedOver: SourceRef | null;
  source: SourceRef;
}

export interface ParsedEdition {
  code: string;
  title: string;
  /** Sorted by chapter, then code. */
  lines: ParsedPlanLine[];
}

/** What a reader of a source yields: the lines, each as printed. */
export interface RawEdition {
  code: string;
  title: string;
  lines: RawPlanLine[];
}
