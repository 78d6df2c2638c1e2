import { CatalogParseError } from '../parsing/catalog-parse.error';
import type {
  ParsedEdition,
  ParsedPlanLine,
  RawEdition,
  RawPlanLine,
  TextCorrection,
} from '../parsing/catalog.types';
import { readBodies, comuniScopeOf } from './bodies.rules';
import { readConditions } from './conditions.rules';
import { readDeadlines } from './deadline.rules';
import { BODY_KINDS, BodyKind, LineFacts } from './facts.types';
import { readPopulationBand } from './population-band.rules';

/**
 * A reviewed decision that replaces what the rules read for one line, with its reason and the
 * source it follows. Kept per edition (facts-overrides.json) and shown in the facts file.
 */
export interface FactsOverride {
  code: string;
  minPopulation?: number | null;
  maxPopulation?: number | null;
  bodies?: BodyKind[];
  conditions?: string[];
  reason: string;
  source: string;
}

export const OVERRIDE_RULE = 'REVISIONE';

function applyCorrections(raw: RawPlanLine, corrections: readonly TextCorrection[]): string {
  let printed = raw.printed;
  for (const correction of corrections) {
    const at = printed.indexOf(correction.find);
    if (at < 0 || printed.indexOf(correction.find, at + 1) >= 0) {
      throw new CatalogParseError(
        raw.source.file,
        raw.source.line,
        `correzione di ${raw.code} non applicabile: «${correction.find}» deve comparire una volta sola nel testo`,
      );
    }
    printed = printed.slice(0, at) + correction.replace + printed.slice(at + correction.find.length);
  }
  return printed;
}

function applyOverride(facts: LineFacts, override: FactsOverride | undefined): LineFacts {
  if (!override) return facts;
  const next = { ...facts, rules: [...facts.rules, OVERRIDE_RULE] };
  if (override.minPopulation !== undefined) next.minPopulation = override.minPopulation;
  if (override.maxPopulation !== undefined) next.maxPopulation = override.maxPopulation;
  if (override.bodies !== undefined) {
    next.bodies = override.bodies;
    next.comuniScope = comuniScopeOf(override.bodies);
  }
  if (override.conditions !== undefined) next.conditions = override.conditions;
  return next;
}

/**
 * A line's facts from its printed words, by the rule tables: the corrections first (each must
 * apply), then the deadlines, the population band, the bodies and the conditions, then the
 * reviewed override if there is one.
 */
export function deriveLine(
  raw: RawPlanLine,
  corrections: readonly TextCorrection[] = [],
  override?: FactsOverride,
): ParsedPlanLine {
  const { source } = raw;
  const printed = applyCorrections(raw, corrections);
  const dated = readDeadlines(printed, source);
  if (raw.dated && (dated.deadlines.length === 0 || printed === dated.body)) {
    throw new CatalogParseError(
      source.file,
      source.line,
      `data iniziale non riconosciuta nella linea ${raw.code}`,
    );
  }
  if (dated.body === '')
    throw new CatalogParseError(source.file, source.line, `la linea ${raw.code} non ha testo`);
  const band = readPopulationBand(dated.body);
  const bodies = readBodies(dated.body, raw.local);
  const conditions = readConditions(dated.body);
  const facts = applyOverride(
    {
      deadlines: dated.deadlines,
      minPopulation: band?.min ?? null,
      maxPopulation: band?.max ?? null,
      bodies: bodies.bodies,
      comuniScope: comuniScopeOf(bodies.bodies),
      conditions: [...conditions.conditions, ...bodies.conditions],
      rules: [
        ...dated.deadlines.flatMap((d) => d.rules),
        ...(band ? [band.rule] : []),
        ...bodies.rules,
        ...conditions.rules,
      ],
    },
    override,
  );
  return {
    code: raw.code,
    chapter: raw.chapter,
    chapterTitle: raw.chapterTitle,
    objectiveCodes: raw.objectiveCodes,
    printed,
    text: dated.body,
    deadlineKind: dated.deadlineKind,
    deadline: dated.deadline,
    local: raw.local,
    corrections: [...corrections],
    carriedOver: raw.carriedOver ?? null,
    source,
    ...facts,
  };
}

/** What deriving an edition needs of its bundle: the lines as printed, the reviewed corrections and overrides. */
export interface DerivableEdition {
  raw: RawEdition;
  corrections: readonly TextCorrection[];
  overrides: readonly FactsOverride[];
}

/**
 * Every line of an edition with its facts. A correction or override for a code the edition does
 * not have stops the import: the reviewed files must stay in step with the source.
 */
export function deriveEdition({ raw, corrections, overrides }: DerivableEdition): ParsedEdition {
  const codes = new Set(raw.lines.map((line) => line.code));
  for (const [file, list] of [
    ['corrections.json', corrections],
    ['facts-overrides.json', overrides],
  ] as const) {
    const stray = list.find((item) => !codes.has(item.code));
    if (stray)
      throw new CatalogParseError(file, 1, `${stray.code} non è una linea dell'edizione ${raw.code}`);
  }
  const seen = new Set<string>();
  for (const override of overrides) {
    if (seen.has(override.code))
      throw new CatalogParseError('facts-overrides.json', 1, `${override.code} compare due volte`);
    seen.add(override.code);
    const unknown = override.bodies?.find((body) => !(BODY_KINDS as readonly string[]).includes(body));
    if (unknown !== undefined) {
      throw new CatalogParseError(
        'facts-overrides.json',
        1,
        `${override.code}: tipo di ente sconosciuto «${unknown}»`,
      );
    }
  }
  return {
    code: raw.code,
    title: raw.title,
    lines: raw.lines.map((line) =>
      deriveLine(
        line,
        corrections.filter((c) => c.code === line.code),
        overrides.find((o) => o.code === line.code),
      ),
    ),
  };
}
