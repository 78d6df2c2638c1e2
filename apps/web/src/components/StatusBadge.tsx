import type { AssignmentStatus } from '../gql/graphql';
import { STATUS_COLOR, STATUS_LABEL } from '../lib/i18n';

/** The status in words, with a colour as a second cue. */
export function StatusBadge({ status }: { status: AssignmentStatus }) {
  return (
    <span className={`badge rtd-status rtd-status-${STATUS_COLOR[status]}`}>{STATUS_LABEL[status]}</span>
  );
}

export function OverdueBadge() {
  return <span className="badge rtd-overdue">In ritardo</span>;
}
