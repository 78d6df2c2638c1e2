import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { ErrorNotice } from '../../../components/Feedback';
import { toAppError, type AppError } from '../../../lib/errors';
import { DELEGATION_LABEL as L } from '../../../lib/i18n';
import { ComuneDelegatesQuery, DelegateAssignmentMutation } from '../api/assignment';
import type { AssignmentDetail } from './types';

/** The referent hands the assignment to one of the comune's delegates, or takes it back. */
export function DelegationForm({ assignment }: { assignment: AssignmentDetail }) {
  const ids = useId();
  const [{ data, error: loadError }] = useQuery({
    query: ComuneDelegatesQuery,
    variables: { comuneId: assignment.comune.id },
  });
  const [choice, setChoice] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [state, delegate] = useMutation(DelegateAssignmentMutation);
  const delegates = (data?.comuneMembers ?? []).filter((m) => m.role === 'COMUNE_DELEGATE' && m.person);
  const current = assignment.delegate?.id ?? '';
  const selected = choice ?? delegates.find((m) => m.person!.id === current)?.person!.fiscalCode ?? '';

  const onDelegate = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setDone(null);
    const result = await delegate({ id: assignment.id, fiscalCode: selected || null });
    const failure = toAppError(result.error);
    if (failure) {
      setError(failure);
      return;
    }
    const name = result.data?.delegateAssignment.delegate?.displayName;
    setDone(name ? L.delegated(name) : L.revoked);
  };

  const loadFailure = toAppError(loadError);
  return (
    <section aria-labelledby={`${ids}-title`} className="mb-4 rtd-panel">
      <h2 id={`${ids}-title`} className="h4">
        {L.title}
      </h2>
      {loadFailure ? <ErrorNotice error={loadFailure} /> : null}
      {error ? <ErrorNotice error={error} /> : null}
      {done ? (
        <div className="alert alert-success" role="status">
          {done}
        </div>
      ) : null}
      {data && delegates.length === 0 ? <p>{L.noDelegates}</p> : null}
      {delegates.length > 0 ? (
        <form onSubmit={onDelegate}>
          <label htmlFor={`${ids}-who`} className="fw-semibold small">
            {L.assignTo}
          </label>
          <div className="select-wrapper mb-3">
            <select id={`${ids}-who`} value={selected} onChange={(e) => setChoice(e.target.value)}>
              <option value="">{L.nobody}</option>
              {delegates.map((m) => (
                <option key={m.id} value={m.person!.fiscalCode}>
                  {m.person!.displayName ?? m.person!.fiscalCode}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="btn btn-outline-primary" disabled={state.fetching}>
            {L.save}
          </button>
        </form>
      ) : null}
    </section>
  );
}
