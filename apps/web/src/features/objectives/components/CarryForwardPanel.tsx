import { useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { ErrorNotice } from '../../../components/Feedback';
import { formatDate } from '../../../lib/dates';
import { toAppError, type AppError } from '../../../lib/errors';
import { CARRY_FORWARD_LABEL } from '../../../lib/i18n';
import { CarryForwardMutation, CarryForwardPreviewQuery } from '../api/objectives';

/**
 * On an objective of a superseded edition: its lines and what they became in the current one
 * (the catalogue's line-to-line mapping), and the button that makes a new draft on them.
 */
export function CarryForwardPanel({ objectiveId }: { objectiveId: string }) {
  const ids = useId();
  const navigate = useNavigate();
  const [error, setError] = useState<AppError | null>(null);
  const [{ data }] = useQuery({
    query: CarryForwardPreviewQuery,
    variables: { id: objectiveId },
    requestPolicy: 'network-only',
  });
  const [carry, runCarry] = useMutation(CarryForwardMutation);
  const preview = data?.carryForwardPreview;
  if (!preview) return null;

  const onCarry = async () => {
    setError(null);
    const r = await runCarry({ id: objectiveId, toEdition: preview.toEdition });
    const failure = toAppError(r.error);
    if (failure) return setError(failure);
    navigate(`/obiettivi/${r.data!.carryForwardSharedObjective.id}`);
  };

  return (
    <section className="rtd-panel my-4" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`} className="h5">
        {CARRY_FORWARD_LABEL.title}: {preview.toEdition}
      </h2>
      <p className="small">{CARRY_FORWARD_LABEL.intro(preview.toEdition)}</p>
      {error ? <ErrorNotice error={error} /> : null}
      <div className="table-responsive">
        <table className="table table-sm small">
          <caption>{CARRY_FORWARD_LABEL.caption(preview.toEdition)}</caption>
          <thead>
            <tr>
              <th scope="col">{CARRY_FORWARD_LABEL.line}</th>
              <th scope="col">{CARRY_FORWARD_LABEL.becomes}</th>
            </tr>
          </thead>
          <tbody>
            {preview.lines.map((l) => (
              <tr key={l.from.id}>
                <th scope="row" className="rtd-codes">
                  {l.from.code}
                </th>
                <td>
                  {l.to.length > 0 ? (
                    <ul className="list-unstyled mb-0">
                      {l.to.map((t) => (
                        <li key={t.id}>
                          <span className="rtd-codes">{t.code}</span> — {t.text}
                          {t.dueDate ? ` (${CARRY_FORWARD_LABEL.due(formatDate(t.dueDate))})` : ''}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    CARRY_FORWARD_LABEL.dropped(l.droppedNote ?? '')
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {preview.successorCount > 0 ? (
        <button type="button" className="btn btn-primary" disabled={carry.fetching} onClick={onCarry}>
          {carry.fetching ? CARRY_FORWARD_LABEL.working : CARRY_FORWARD_LABEL.action(preview.toEdition)}
        </button>
      ) : (
        <p className="mb-0">{CARRY_FORWARD_LABEL.nothing(preview.toEdition)}</p>
      )}
    </section>
  );
}
