import { useId, useState } from 'react';
import { useMutation } from 'urql';
import { ErrorNotice } from '../../../components/Feedback';
import { toAppError, type AppError } from '../../../lib/errors';
import { ACTION_LABEL, REVIEW_PANEL_LABEL as L } from '../../../lib/i18n';
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
      message: L.reasonRequired(what),
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
    finish(toAppError(r.error), L.approved);
  };
  const reject = async () => {
    setError(null);
    if (needReason(L.toReject)) return;
    const r = await runReview({
      id: assignment.id,
      expectedVersion: assignment.version,
      decision: 'REJECT',
      reason: reason.trim(),
    });
    finish(toAppError(r.error), L.rejected);
  };
  const notApplicable = async () => {
    setError(null);
    if (needReason(L.toMarkNotApplicable)) return;
    const r = await runNotApplicable({
      id: assignment.id,
      expectedVersion: assignment.version,
      reason: reason.trim(),
    });
    finish(toAppError(r.error), L.notApplicable);
  };
  const doReopen = async () => {
    setError(null);
    const r = await runReopen({
      id: assignment.id,
      expectedVersion: assignment.version,
      input: { status: 'IN_PROGRESS', note: reason.trim() || undefined },
    });
    finish(toAppError(r.error), L.reopened);
  };

  return (
    <section aria-labelledby={`${ids}-title`} className="mb-4 rtd-panel">
      <h2 id={`${ids}-title`} className="h4">
        {L.title}
      </h2>
      {error ? <ErrorNotice error={error} /> : null}
      {done ? (
        <div className="alert alert-success" role="status">
          {done}
        </div>
      ) : null}
      <div className="form-group mb-3">
        <label htmlFor={`${ids}-reason`} className="active">
          {L.reason(actions.has('REJECT'))}
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
          {L.reasonHelp}
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
