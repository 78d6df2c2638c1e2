import { useId, useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { CharacterCount } from '../../../components/CharacterCount';
import { ErrorNotice } from '../../../components/Feedback';
import { formatDate, todayInRome } from '../../../lib/dates';
import { toAppError, type AppError } from '../../../lib/errors';
import { PUBLISHED_EDIT_LABEL as L } from '../../../lib/i18n';
import { UpdateObjectiveMutation } from '../api/objectives';

interface Props {
  objective: {
    id: string;
    version: number;
    title: string;
    description?: string | null;
    dueDate?: string | null;
  };
  onSaved: () => void;
}

/**
 * Title, description and due date of a published objective: the office extends a deadline or
 * corrects a text without unpublishing. The change goes into the audit log with before and after
 * (the registro names it); the comuni see the new text and date on their pages at once.
 */
export function PublishedObjectiveEdit({ objective, onSaved }: Props) {
  const ids = useId();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState(objective.title);
  const [description, setDescription] = useState(objective.description ?? '');
  const [dueDate, setDueDate] = useState(objective.dueDate ?? '');
  const [error, setError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [update, runUpdate] = useMutation(UpdateObjectiveMutation);

  const start = () => {
    setTitle(objective.title);
    setDescription(objective.description ?? '');
    setDueDate(objective.dueDate ?? '');
    setError(null);
    setSaved(null);
    setOpen(true);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!title.trim())
      return setError({
        code: 'BAD_USER_INPUT',
        field: 'title',
        message: L.titleRequired,
      });
    const r = await runUpdate({
      id: objective.id,
      expectedVersion: objective.version,
      input: { title: title.trim(), description: description.trim() || null, dueDate: dueDate || null },
    });
    const failure = toAppError(r.error);
    if (failure?.code === 'CONFLICT')
      return setError({
        ...failure,
        message: L.conflict,
      });
    if (failure) return setError(failure);
    const moved = (objective.dueDate ?? '') !== dueDate;
    setSaved(moved ? L.savedMoved(formatDate(dueDate || null)) : L.saved);
    setOpen(false);
    onSaved();
  };

  const past = dueDate !== '' && dueDate < todayInRome();
  return (
    <section aria-labelledby={`${ids}-title`} className="my-4">
      <h2 id={`${ids}-title`} className="h4">
        {L.heading}
      </h2>
      {saved ? (
        <div className="alert alert-success" role="status">
          {saved}
        </div>
      ) : null}
      {!open ? (
        <button type="button" className="btn btn-outline-primary" onClick={start}>
          {L.open}
        </button>
      ) : (
        <form onSubmit={save} noValidate>
          {error ? <ErrorNotice error={error} /> : null}
          <div className="mb-3">
            <label htmlFor={`${ids}-t`} className="fw-semibold small d-block">
              {L.title}
            </label>
            <input
              id={`${ids}-t`}
              className="form-control border"
              value={title}
              maxLength={200}
              aria-invalid={error?.field === 'title' || undefined}
              onChange={(e) => setTitle(e.target.value)}
            />
          </div>
          <div className="mb-3">
            <label htmlFor={`${ids}-d`} className="fw-semibold small d-block">
              {L.description}
            </label>
            <textarea
              id={`${ids}-d`}
              className="form-control"
              rows={3}
              value={description}
              aria-describedby={`${ids}-d-count`}
              onChange={(e) => setDescription(e.target.value)}
            />
            <CharacterCount id={`${ids}-d-count`} length={description.length} max={10_000} />
          </div>
          <div className="mb-3">
            <label htmlFor={`${ids}-due`} className="fw-semibold small d-block">
              {L.due}
            </label>
            <input
              id={`${ids}-due`}
              className="form-control"
              type="date"
              value={dueDate}
              aria-describedby={past ? `${ids}-past` : undefined}
              onChange={(e) => setDueDate(e.target.value)}
            />
            {past ? (
              <p id={`${ids}-past`} className="small text-danger mt-1 mb-0">
                {L.pastDue}
              </p>
            ) : null}
          </div>
          <p className="small">{L.audited}</p>
          <div className="d-flex flex-wrap gap-2">
            <button type="submit" className="btn btn-primary" disabled={update.fetching}>
              {L.save}
            </button>
            <button type="button" className="btn btn-outline-secondary" onClick={() => setOpen(false)}>
              {L.cancel}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
