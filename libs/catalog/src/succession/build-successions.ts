import { similarity, stems } from './similarity';
import type {
  SuccessionFile,
  SuccessionKind,
  SuccessionLine,
  SuccessionLink,
  SuccessionOverride,
  SuccessionOverrides,
} from './succession.types';

/** The same code read this alike is the same line, reworded at most. */
const SAME_CODE_SIMILARITY = 0.3;
/** Another code must read at least this alike to be a successor. */
const SUCCESSOR_SIMILARITY = 0.5;
/** Candidates this close to the best one share the line between them (SPLIT). */
const SPLIT_MARGIN = 0.08;
const DIGITS = 2;

export const AUTOMATIC_DROPPED_NOTE =
  'Nessuna linea della nuova edizione ne riprende il testo (somiglianza sotto la soglia): da rivedere.';

interface Candidate {
  line: SuccessionLine;
  stems: Set<string>;
}

const round = (value: number) => Math.round(value * 10 ** DIGITS) / 10 ** DIGITS;

function sharedObjectives(a: SuccessionLine, b: SuccessionLine): string[] {
  return a.objectiveCodes.filter((code) => b.objectiveCodes.includes(code));
}

function sameDates(a: SuccessionLine, b: SuccessionLine): boolean {
  return a.deadlines.join() === b.deadlines.join();
}

function citationOf(
  to: SuccessionLine,
  toEdition: string,
  sameCode: boolean,
  overrides: SuccessionOverrides,
) {
  if (sameCode && overrides.sameCodeCitation) return overrides.sameCodeCitation;
  if (to.carriedOver) {
    return `Piano ${toEdition}, ${to.carriedOver.file}:${to.carriedOver.line}: la linea è tra le «Linee di azione vigenti»`;
  }
  return null;
}

function link(
  from: SuccessionLine,
  to: SuccessionLine,
  score: number,
  kind: SuccessionKind,
  toEdition: string,
  overrides: SuccessionOverrides,
): SuccessionLink {
  return {
    from: from.code,
    to: to.code,
    kind,
    similarity: round(score),
    sharedObjectives: sharedObjectives(from, to),
    citation: citationOf(to, toEdition, from.code === to.code, overrides),
    note: null,
    reviewed: false,
  };
}

/** The tool's decision for one line: its own code if it reads alike, else the lines that read most alike. */
function decide(
  from: SuccessionLine,
  candidates: readonly Candidate[],
  toEdition: string,
  overrides: SuccessionOverrides,
): SuccessionLink[] {
  const own = stems(from.text);
  const scored = candidates
    .map((c) => ({ line: c.line, score: similarity(own, c.stems) }))
    .sort((a, b) => b.score - a.score || (a.line.code < b.line.code ? -1 : 1));
  const sameCode = scored.find((c) => c.line.code === from.code);
  if (sameCode && sameCode.score >= SAME_CODE_SIMILARITY) {
    const unchanged = sameCode.score === 1 && sameDates(from, sameCode.line);
    return [
      link(from, sameCode.line, sameCode.score, unchanged ? 'UNCHANGED' : 'REWORDED', toEdition, overrides),
    ];
  }
  const best = scored[0];
  if (!best || best.score < SUCCESSOR_SIMILARITY) {
    return [
      {
        from: from.code,
        to: null,
        kind: 'DROPPED',
        similarity: null,
        sharedObjectives: [],
        citation: null,
        note: overrides.defaultDroppedNote ?? AUTOMATIC_DROPPED_NOTE,
        reviewed: false,
      },
    ];
  }
  const chosen = scored.filter((c) => c.score >= Math.max(SUCCESSOR_SIMILARITY, best.score - SPLIT_MARGIN));
  const kind: SuccessionKind =
    chosen.length > 1 ? 'SPLIT' : best.score === 1 && sameDates(from, best.line) ? 'UNCHANGED' : 'REWORDED';
  return chosen.map((c) => link(from, c.line, c.score, kind, toEdition, overrides));
}

function reviewed(
  from: SuccessionLine,
  override: SuccessionOverride,
  byCode: ReadonlyMap<string, Candidate>,
  toEdition: string,
  overrides: SuccessionOverrides,
): SuccessionLink[] {
  if (override.to.length === 0) {
    return [
      {
        from: from.code,
        to: null,
        kind: 'DROPPED',
        similarity: null,
        sharedObjectives: [],
        citation: override.citation ?? null,
        note: override.note,
        reviewed: true,
      },
    ];
  }
  const own = stems(from.text);
  return override.to.map((code) => {
    const target = byCode.get(code);
    if (!target) throw new Error(`successions-overrides: ${code} non è una linea dell'edizione ${toEdition}`);
    return {
      ...link(from, target.line, similarity(own, target.stems), override.kind, toEdition, overrides),
      citation: override.citation ?? citationOf(target.line, toEdition, code === from.code, overrides),
      note: override.note,
      reviewed: true,
    };
  });
}

/** Lines of the newer edition that more than one older line leads to are MERGED (unless reviewed otherwise). */
function markMerged(links: SuccessionLink[]): SuccessionLink[] {
  const sources = new Map<string, Set<string>>();
  for (const l of links) if (l.to) sources.set(l.to, (sources.get(l.to) ?? new Set()).add(l.from));
  return links.map((l) =>
    !l.reviewed && l.to && (sources.get(l.to)?.size ?? 0) > 1 && l.kind !== 'SPLIT'
      ? { ...l, kind: 'MERGED' }
      : l,
  );
}

/**
 * Maps every line of an edition to its successors in the next one. The tool is reproducible (the
 * same texts give the same file); the overrides file, read by a person, decides where it is wrong
 * or unsure, and gives the reason of every line reviewed as dropped.
 */
export function buildSuccessions(
  editions: { from: string; to: string },
  fromLines: readonly SuccessionLine[],
  toLines: readonly SuccessionLine[],
  overrides: SuccessionOverrides = { overrides: [] },
): SuccessionFile {
  const candidates = toLines.map((line) => ({ line, stems: stems(line.text) }));
  const byCode = new Map(candidates.map((c) => [c.line.code, c]));
  const fromCodes = new Set(fromLines.map((line) => line.code));
  const stray = overrides.overrides.find((o) => !fromCodes.has(o.from));
  if (stray)
    throw new Error(`successions-overrides: ${stray.from} non è una linea dell'edizione ${editions.from}`);
  const links = fromLines.flatMap((from) => {
    const override = overrides.overrides.find((o) => o.from === from.code);
    return override
      ? reviewed(from, override, byCode, editions.to, overrides)
      : decide(from, candidates, editions.to, overrides);
  });
  const sorted = markMerged(links).sort((a, b) =>
    a.from !== b.from ? (a.from < b.from ? -1 : 1) : (a.to ?? '') < (b.to ?? '') ? -1 : 1,
  );
  return { ...editions, links: sorted };
}
