import { useId, useState } from 'react';
import { useMutation } from 'urql';
import { ErrorNotice } from '../../../components/Feedback';
import { toAppError, type AppError } from '../../../lib/errors';
import { ACTION_LABEL } from '../../../lib/i18n';
import {
  MarkNotApplicableMutation,
  ReviewAssignmentMutation,
  UpdateAssignmentMutation,
} from '../api/assignment';
import type { AssignmentDetail } from './types';

/** The RTD office decides: approve, reject with a reason (shown to the comune and mailed), and more. */
export function ReviewPanel({ assignment }: { assignment: AssignmentDetail }) {
  const ids = useId();
  const actions = new Set(assignment.allowedActions);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [review, runReview] = useMutation(ReviewAssignmentMutation);
  const [na, runNotApplicable] = useMutation(MarkNotApplicableMutation);
  const [reopen, runReopen] = useMutation(UpdateAssignmentMutation);
  const busy = review.fetching || na.fetching || reopen.fetching;

  const finish = (failure: AppError | null, message: string) => {
    if (failure) {
      setError(failure);
      return;
    }
    setReason('');
    setDone(message);
  };
  const needReason = (what: string) => {
    if (reason.trim()) return false;
    setError({
      code: 'BAD_USER_INPUT',
      field: 'reason',
      message: `Controlla il campo «Motivazione»: è obbligatoria per ${what}.`,
    });
    return true;
  };
  const approve = async () => {
    setError(null);
    const r = await runReview({
      id: assignment.id,
      expectedVersion: assignment.version,
      decision: 'APPROVE',
      reason: reason.trim() || null,
    });
    finish(
      toAppError(r.error),
      'Resoconto approvato: l’attività è completata e il Comune ne riceve notizia.',
    );
  };
  const reject = async () => {
    setError(null);
    if (needReason('respingere')) return;
    const r = await runReview({
      id: assignment.id,
      expectedVersion: assignment.version,
      decision: 'REJECT',
      reason: reason.trim(),
    });
    finish(
      toAppError(r.error),
      'Resoconto respinto: il Comune vede il motivo e lo riceve per posta elettronica.',
    );
  };
  const notApplicable = async () => {
    setError(null);
    if (needReason('dichiararla non applicabile')) return;
    const r = await runNotApplicable({
      id: assignment.id,
      expectedVersion: assignment.version,
      reason: reason.trim(),
    });
    finish(toAppError(r.error), 'Attività segnata come non applicabile.');
  };
  const doReopen = async () => {
    setError(null);
    const r = await runReopen({
      id: assignment.id,
      expectedVersion: assignment.version,
      input: { status: 'IN_PROGRESS', note: reason.trim() || undefined },
    });
    finish(toAppError(r.error), 'Attività riaperta: torna «In corso» per il Comune.');
  };

  return (
    <section aria-labelledby={`${ids}-title`} className="mb-4 rtd-panel">
      <h2 id={`${ids}-title`} className="h4">
        Validazione dell’Ufficio RTD
      </h2>
      {error ? <ErrorNotice error={error} /> : null}
      {done ? (
        <div className="alert alert-success" role="status">
          {done}
        </div>
      ) : null}
      <div className="form-group mb-3">
        <label htmlFor={`${ids}-reason`} className="active">
          Motivazione {actions.has('REJECT') ? '(obbligatoria per respingere)' : ''}
        </label>
        <textarea
          id={`${ids}-reason`}
          className="form-control"
          rows={3}
          value={reason}
          aria-invalid={error?.field === 'reason' || undefined}
          aria-describedby={`${ids}-reason-help`}
          onChange={(e) => setReason(e.target.value)}
        />
        <small id={`${ids}-reason-help`} className="form-text">
          Il Comune la legge nella pagina dell’attività e nel messaggio di posta.
        </small>
      </div>
      <div className="d-flex flex-wrap gap-2">
        {actions.has('APPROVE') ? (
          <button type="button" className="btn btn-success" onClick={approve} disabled={busy}>
            {ACTION_LABEL.APPROVE}
          </button>
        ) : null}
        {actions.has('REJECT') ? (
          <button type="button" className="btn btn-danger" onClick={reject} disabled={busy}>
            {ACTION_LABEL.REJECT}
          </button>
        ) : null}
        {actions.has('REOPEN') ? (
          <button type="button" className="btn btn-outline-primary" onClick={doReopen} disabled={busy}>
            {ACTION_LABEL.REOPEN}
          </button>
        ) : null}
        {actions.has('MARK_NOT_APPLICABLE') ? (
          <button type="button" className="btn btn-outline-secondary" onClick={notApplicable} disabled={busy}>
            {ACTION_LABEL.MARK_NOT_APPLICABLE}
          </button>
        ) : null}
      </div>
    </section>
  );
}
