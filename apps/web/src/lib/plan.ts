import { graphql } from '../gql';
import type { ComuniScope, DeadlineKind, PlanBody, PlanLineFactsFragment } from '../gql/graphql';
import { formatDate } from './dates';
import { BODY_LABEL, DEADLINE_KIND_LABEL, PLAN_LABEL } from './i18n';

/** What every view of a line shows of its facts (deadlines, who it applies to, conditions, corrections). */
export const PlanLineFactsFragmentDoc = graphql(`
  fragment PlanLineFacts on PlanLine {
    id
    edition
    code
    chapter
    chapterTitle
    text
    local
    deadline
    deadlineKind
    dueDate
    deadlines {
      kind
      date
      precision
      words
      qualifier
    }
    minPopulation
    maxPopulation
    bodies
    comuniScope
    conditions
    corrections {
      find
      replace
      reason
      source
    }
    source
  }
`);

export type PlanLineFacts = PlanLineFactsFragment;
type Deadline = PlanLineFacts['deadlines'][number];

/** "5.000", not "5000": AgID groups the thousands of four-digit populations too. */
const population = new Intl.NumberFormat('it-IT', { useGrouping: 'always' });
export const formatInhabitants = (value: number) => population.format(value);

const MONTHS =
  'gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre';

/** "Dal ottobre 2020" is not Italian: before a month (no day) it is "Da ottobre 2020". */
export const italianPeriod = (words: string): string =>
  words.replace(new RegExp(`^(D)al\\s+(?=(?:${MONTHS})\\b)`, 'i'), '$1a ');

/**
 * "Entro dicembre 2023 (entro il 31/12/2023)", "Entro il 23/09/2023", "Da settembre 2020 (dal
 * 01/09/2020)", with AgID's qualifier after a dash.
 */
export function describePlanDeadline(deadline: Deadline): string {
  const date = formatDate(deadline.date);
  const words = italianPeriod(deadline.words.charAt(0).toUpperCase() + deadline.words.slice(1));
  const main =
    deadline.kind === 'BY'
      ? deadline.precision === 'DAY'
        ? PLAN_LABEL.byDay(date)
        : PLAN_LABEL.by(words, date)
      : deadline.precision === 'DAY'
        ? PLAN_LABEL.fromDay(date)
        : PLAN_LABEL.from(words, date);
  return deadline.qualifier ? `${main} — ${deadline.qualifier}` : main;
}

/**
 * A line's first deadline from its `deadline` and `deadlineKind` alone, for views that do not read
 * the deadlines' words: "Entro il 31/12/2023", "Dal 01/09/2020", "Senza scadenza".
 */
export function describeDeadline(line: { deadline?: string | null; deadlineKind: DeadlineKind }): string {
  if (line.deadlineKind === 'NONE' || !line.deadline) return DEADLINE_KIND_LABEL.NONE;
  const date = formatDate(line.deadline);
  return line.deadlineKind === 'BY' ? PLAN_LABEL.byDay(date) : PLAN_LABEL.fromDay(date);
}

/** Which comuni a line concerns: "Comuni tra 5.000 e 10.000 abitanti", "non riguarda i Comuni (rivolta a: ...)". */
export function describeApplicability(line: {
  minPopulation?: number | null;
  maxPopulation?: number | null;
  comuniScope: ComuniScope;
  bodies: readonly PlanBody[];
}): string {
  const bodies = PLAN_LABEL.addressedTo(line.bodies.map((b) => BODY_LABEL[b]).join(', '));
  if (line.comuniScope === 'NONE') return `${PLAN_LABEL.noComuni} (${bodies})`;
  if (line.comuniScope === 'METROPOLITAN_CAPITALS') return `${PLAN_LABEL.capitalsOnly} (${bodies})`;
  const min = line.minPopulation ?? null;
  const max = line.maxPopulation ?? null;
  if (min === null && max === null) return PLAN_LABEL.allComuni;
  return `${PLAN_LABEL.band(min === null ? null : formatInhabitants(min), max === null ? null : formatInhabitants(max))} (${PLAN_LABEL.populationNote})`;
}
