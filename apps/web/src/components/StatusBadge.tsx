import type { AssignmentStatus } from '../gql/graphql';
import { formatDate, todayInRome } from '../lib/dates';
import { CLOSED_BY_OFFICE, closedByOfficeOn, STATUS_COLOR, STATUS_LABEL } from '../lib/i18n';

/** The status in words, with a colour as a second cue. */
export function StatusBadge({ status }: { status: AssignmentStatus }) {
  return (
    <span className={`badge rtd-status rtd-status-${STATUS_COLOR[status]}`}>{STATUS_LABEL[status]}</span>
  );
}

export function OverdueBadge() {
  return <span className="badge rtd-overdue">In ritardo</span>;
}

/** Instead of the status, once the RTD office closed the objective: «Chiuso dall’ufficio il …». */
export function ClosedBadge({ closedAt }: { closedAt: string | null | undefined }) {
  return (
    <span className="badge rtd-status rtd-status-dark text-wrap text-start">
      {closedAt ? closedByOfficeOn(formatDate(todayInRome(new Date(closedAt)))) : CLOSED_BY_OFFICE}
    </span>
  );
}
