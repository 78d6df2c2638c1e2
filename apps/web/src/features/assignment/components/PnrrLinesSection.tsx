import { useQuery } from 'urql';
import { ErrorNotice } from '../../../components/Feedback';
import { formatDate } from '../../../lib/dates';
import { toAppError } from '../../../lib/errors';
import { PNRR_LABEL } from '../../../lib/i18n';
import { asOfText, formatEuro } from '../../../lib/pnrr';
import { AssignmentPnrrQuery } from '../api/assignment';

/** "Finanziamenti PNRR delle linee": the comune's applications to the measures serving these lines. */
export function PnrrLinesSection({ assignmentId }: { assignmentId: string }) {
  const [{ data, error }] = useQuery({ query: AssignmentPnrrQuery, variables: { id: assignmentId } });
  const funding = data?.assignment?.pnrrFunding ?? null;
  const appError = toAppError(error);
  return (
    <section aria-labelledby="pnrr-linee-titolo" className="mb-4">
      <h2 id="pnrr-linee-titolo" className="h4">
        {PNRR_LABEL.linesFunding}
      </h2>
      {appError ? <ErrorNotice error={appError} /> : null}
      {funding && funding.length === 0 ? <p className="text-muted">{PNRR_LABEL.noLinesFunding}</p> : null}
      {funding && funding.length > 0 ? (
        <>
          <p className="small">{PNRR_LABEL.linesFundingIntro}</p>
          <ul className="list-unstyled">
            {funding.map(({ application: a, lineCodes }) => (
              <li key={`${a.cup}-${a.call.title}`} className="mb-2">
                <strong>
                  {a.call.measure.code} {a.call.measure.title}
                </strong>{' '}
                <span className="small text-muted">({PNRR_LABEL.servesLines(lineCodes.join(', '))})</span>
                <div>{a.call.title}</div>
                <div>
                  {PNRR_LABEL.amount}:{' '}
                  {a.status === 'WITHDRAWN'
                    ? `${formatEuro(a.amount)} (${PNRR_LABEL.notCounted})`
                    : formatEuro(a.amount)}
                  {' · '}
                  {PNRR_LABEL.cup} <span className="rtd-codes">{a.cup}</span>
                  {' · '}
                  {PNRR_LABEL.statusWithDate(
                    PNRR_LABEL.status[a.status],
                    a.statusDate ? formatDate(a.statusDate) : null,
                  )}
                  {a.asOf ? ` · ${asOfText(a.asOf)}` : ''}
                </div>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
