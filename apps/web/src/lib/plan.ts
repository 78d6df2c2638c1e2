import type { DeadlineKind } from '../gql/graphql';
import { formatDate, formatMonth } from './dates';
import { DEADLINE_KIND_LABEL } from './i18n';

/** "Entro dicembre 2023", "Entro 23/09/2023" (when the text names the day), "Senza scadenza". */
export function describeDeadline(line: { deadline?: string | null; deadlineKind: DeadlineKind }): string {
  if (line.deadlineKind === 'NONE' || !line.deadline) return DEADLINE_KIND_LABEL.NONE;
  const when = line.deadline.endsWith('-01') ? formatMonth(line.deadline) : formatDate(line.deadline);
  return `${DEADLINE_KIND_LABEL[line.deadlineKind]} ${when}`;
}

const population = new Intl.NumberFormat('it-IT');

/** Which comuni a line concerns: minPopulation 15001 reads "solo Comuni con almeno 15.001 abitanti". */
export function describeApplicability(minPopulation: number | null | undefined): string {
  return minPopulation
    ? `solo Comuni con almeno ${population.format(minPopulation)} abitanti`
    : 'tutti i Comuni';
}
