import { useQuery } from 'urql';
import { formatDate } from '../../../lib/dates';
import { PLAN_LABEL } from '../../../lib/i18n';
import { ProposedDueDateQuery } from '../api/objectives';

/**
 * The due date the Piano gives the chosen lines (the earliest of their deadlines, as the
 * catalogue reads them: "Entro dicembre 2023" is 31/12/2023), with a button to use it.
 */
export function ProposedDueDate({
  edition,
  lineCodes,
  dueDate,
  onUse,
}: {
  edition: string;
  lineCodes: string[];
  dueDate: string;
  onUse: (date: string) => void;
}) {
  const [{ data }] = useQuery({
    query: ProposedDueDateQuery,
    variables: { edition, lineCodes },
    pause: lineCodes.length === 0 || !edition,
  });
  if (lineCodes.length === 0 || !data) return null;
  const line = data.proposedDueDate;
  if (!line?.dueDate) return <p className="small text-muted mb-0">{PLAN_LABEL.noProposedDue}</p>;
  const words = line.deadlines.find((d) => d.kind === 'BY' && d.date === line.dueDate)?.words ?? '';
  return (
    <div className="small mb-0">
      <span>{PLAN_LABEL.proposedDue(formatDate(line.dueDate), line.code, words)}</span>{' '}
      {dueDate !== line.dueDate ? (
        <button
          type="button"
          className="btn btn-link btn-sm p-0 align-baseline"
          onClick={() => onUse(line.dueDate!)}
        >
          {PLAN_LABEL.useProposedDue}
        </button>
      ) : null}
    </div>
  );
}
