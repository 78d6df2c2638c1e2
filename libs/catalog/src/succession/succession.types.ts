import type { SourceRef } from '../parsing/catalog.types';

/**
 * What became of a line in the next edition: the same words (UNCHANGED), other words for the same
 * duty (REWORDED), several lines (SPLIT), one line with others (MERGED), or none (DROPPED).
 */
export type SuccessionKind = 'UNCHANGED' | 'REWORDED' | 'SPLIT' | 'MERGED' | 'DROPPED';

/** What the mapping tool needs of a line. */
export interface SuccessionLine {
  code: string;
  objectiveCodes: string[];
  text: string;
  /** Dates of its deadlines: a change of date is a change of the line. */
  deadlines: string[];
  /** Where AgID lists it among "Linee di azione vigenti" (carried over), if it does. */
  carriedOver: SourceRef | null;
}

/** One link from a line of the older edition to one of the newer, or to none. */
export interface SuccessionLink {
  from: string;
  /** Null when DROPPED. */
  to: string | null;
  kind: SuccessionKind;
  /** Text similarity of the two lines (0..1); null when DROPPED. */
  similarity: number | null;
  /** Objective codes the two lines share (meaningful where the chapters did not change). */
  sharedObjectives: string[];
  /** Where AgID states the correspondence, if it does. */
  citation: string | null;
  /** The reviewer's reason; always present when DROPPED. */
  note: string | null;
  /** True when the overrides file decided it (a person read both texts). */
  reviewed: boolean;
}

export interface SuccessionFile {
  from: string;
  to: string;
  links: SuccessionLink[];
}

/** A reviewed decision for one line of the older edition, replacing the tool's. */
export interface SuccessionOverride {
  from: string;
  /** The successors; empty when the line was dropped. */
  to: string[];
  kind: SuccessionKind;
  note: string;
  citation?: string;
}

/** The reviewed file: decisions per line, and what holds for the pair of editions as a whole. */
export interface SuccessionOverrides {
  /** The reason given to lines the tool finds no successor for and nobody reviewed. */
  defaultDroppedNote?: string;
  /** AgID's statement that codes carry over between the two editions, cited on same-code links. */
  sameCodeCitation?: string;
  overrides: SuccessionOverride[];
}
