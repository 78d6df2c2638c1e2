import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { CharacterCount } from '../../../components/CharacterCount';
import { ErrorNotice } from '../../../components/Feedback';
import type { AssignmentStatus } from '../../../gql/graphql';
import { useAuth } from '../../../lib/auth';
import { clearDraft, loadDraft, saveDraft } from '../../../lib/drafts';
import { toAppError, type AppError } from '../../../lib/errors';
import { ACTION_LABEL, REPORT_FORM_LABEL as L, STATUS_LABEL } from '../../../lib/i18n';
import { SubmitAssignmentMutation, UpdateAssignmentMutation } from '../api/assignment';
import type { AssignmentDetail } from './types';
import {
  changesBetween,
  type Draft,
  draftOf,
  MAX_ISSUES,
  type Snapshot,
  snapshotOf,
  type StoredDraft,
} from './report-draft';

/**
 * The comune's report: status, progress, criticità and a note, then submission to the RTD office.
 * Every write carries the version it was made against; when someone else got there first, the
 * person sees what changed and re-applies their own edit, which is never silently lost.
 */
export function ReportForm({ assignment, reload }: { assignment: AssignmentDetail; reload: () => void }) {
  const ids = useId();
  const actions = new Set(assignment.allowedActions);
  const person = useAuth().user?.profile.sub ?? null;
  const formKey = `report.${assignment.id}`;
  // Text typed before a session ended comes back (issue 23): against the version it started from,
  // so a change made meanwhile by someone else still shows as a conflict.
  const [restored] = useState(() => loadDraft<StoredDraft>(person, formKey));
  const [base, setBase] = useState<Snapshot>(() =>
    restored ? { ...snapshotOf(assignment), version: restored.version } : snapshotOf(assignment),
  );
  const [draft, setDraftState] = useState<Draft>(() => restored?.draft ?? draftOf(assignment));
  const [dirty, setDirtyState] = useState(restored !== null);
  const [submitNote, setSubmitNoteState] = useState(restored?.submitNote ?? '');
  const [restoredNotice, setRestoredNotice] = useState(restored !== null);
  const stored = useRef<StoredDraft>({ version: base.version, draft, submitNote });
  const keep = (patch: Partial<StoredDraft>) => {
    stored.current = { ...stored.current, ...patch };
    saveDraft(person, formKey, stored.current);
  };
  const setDraft = setDraftState;
  const setDirty = (value: boolean) => {
    setDirtyState(value);
    if (!value) {
      clearDraft(person, formKey);
      setRestoredNotice(false);
    }
  };
  const setSubmitNote = (value: string) => {
    setSubmitNoteState(value);
    if (value) keep({ submitNote: value });
  };
  const [conflict, setConflict] = useState<string[] | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [update, runUpdate] = useMutation(UpdateAssignmentMutation);
  const [submission, runSubmit] = useMutation(SubmitAssignmentMutation);
  const busy = update.fetching || submission.fetching;

  // A newer version arrived (after our own save, or someone else's): follow it unless the person
  // has unsaved edits, which stay on screen until they save them or discard them. Adjusted while
  // rendering, once per version seen (React's pattern for state that follows a prop).
  const [seenVersion, setSeenVersion] = useState(assignment.version);
  if (assignment.version !== seenVersion) {
    setSeenVersion(assignment.version);
    if (assignment.version !== base.version) {
      if (!dirty) {
        setBase(snapshotOf(assignment));
        setDraft(draftOf(assignment));
      } else if (conflict) {
        setConflict(changesBetween(base, assignment));
      }
    }
  }

  const statusChoices: AssignmentStatus[] = actions.has('UPDATE_PROGRESS') ? [assignment.status] : [];
  if (actions.has('SET_IN_PROGRESS')) statusChoices.push('IN_PROGRESS');
  if (actions.has('SET_NOT_STARTED')) statusChoices.push('NOT_STARTED');
  const canSave = actions.has('UPDATE_PROGRESS') || statusChoices.length > 1;

  const edit = (patch: Partial<Draft>) => {
    const next = { ...draft, ...patch };
    setDraft(next);
    keep({ version: base.version, draft: next });
    setDirtyState(true);
    setSaved(null);
  };

  /** The progress typed in the form, or null (after showing the error) when it is not 0-100. */
  const checkedProgress = (): number | null => {
    const progress = Number(draft.progress);
    if (draft.progress.trim() === '' || !Number.isInteger(progress) || progress < 0 || progress > 100) {
      setError({
        code: 'BAD_USER_INPUT',
        field: 'progress',
        message: L.progressInvalid,
      });
      return null;
    }
    return progress;
  };

  const save = async (against: Snapshot) => {
    setError(null);
    const progress = checkedProgress();
    if (progress === null) return;
    const result = await runUpdate({
      id: assignment.id,
      expectedVersion: against.version,
      input: {
        status: draft.status !== against.status ? draft.status : undefined,
        progress,
        issues: draft.issues,
        note: draft.note.trim() || undefined,
      },
    });
    const failure = toAppError(result.error);
    if (failure?.code === 'CONFLICT') {
      setConflict(changesBetween(against, assignment));
      reload();
      return;
    }
    if (failure) {
      setError(failure);
      return;
    }
    setConflict(null);
    setDirty(false);
    setSaved('Avanzamento salvato.');
    const updated = result.data?.updateAssignment;
    if (updated)
      setBase({
        version: updated.version,
        status: updated.status,
        progress: updated.progress,
        issues: updated.issues ?? '',
      });
    setDraft((d) => ({ ...d, note: '' }));
  };

  const onSave = (event: FormEvent) => {
    event.preventDefault();
    void save(base);
  };

  const reapply = () => {
    const latest = snapshotOf(assignment);
    setBase(latest);
    setConflict(null);
    void save(latest);
  };

  const discard = () => {
    setBase(snapshotOf(assignment));
    setDraft(draftOf(assignment));
    setDirty(false);
    setConflict(null);
  };

  // "Invia" asks once, showing the progress that goes to the office, and sends the pending
  // edits of progress and criticità with the submission: one action, one confirmation.
  const [confirming, setConfirming] = useState<number | null>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming !== null) confirmButton.current?.focus();
  }, [confirming]);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setSaved(null);
    const progress = dirty ? checkedProgress() : assignment.progress;
    if (progress !== null) setConfirming(progress);
  };

  const confirmSubmit = async () => {
    if (confirming === null) return;
    const progress = confirming;
    setConfirming(null);
    const result = await runSubmit({
      id: assignment.id,
      expectedVersion: base.version,
      note: submitNote.trim() || draft.note.trim() || null,
      progress: dirty ? progress : null,
      issues: dirty ? draft.issues : null,
    });
    const failure = toAppError(result.error);
    if (failure?.code === 'CONFLICT') {
      if (dirty) setConflict(changesBetween(base, assignment));
      setError({ ...failure, message: L.conflictRetry(failure.message) });
      reload();
      return;
    }
    if (failure) {
      setError(failure);
      return;
    }
    setDirty(false);
    setSubmitNote('');
    setSaved(L.submitted);
  };

  const fieldError = (field: string) => (error?.field === field ? `${ids}-err` : undefined);
  return (
    <section aria-labelledby={`${ids}-title`} className="mb-4 rtd-panel">
      <h2 id={`${ids}-title`} className="h4">
        {L.title}
      </h2>
      {conflict ? (
        <div className="alert alert-warning" role="alert">
          <p className="fw-semibold mb-1">{L.conflict}</p>
          <ul className="mb-2">
            {conflict.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
          <p className="mb-2">{L.kept}</p>
          <div className="d-flex flex-wrap gap-2">
            <button type="button" className="btn btn-primary btn-sm" onClick={reapply} disabled={busy}>
              {L.reapply}
            </button>
            <button
              type="button"
              className="btn btn-outline-primary btn-sm"
              onClick={discard}
              disabled={busy}
            >
              {L.discard}
            </button>
          </div>
        </div>
      ) : null}
      {restoredNotice ? (
        <div className="alert alert-info" role="status">
          {L.restored}
        </div>
      ) : null}
      {error ? (
        <div id={`${ids}-err`}>
          <ErrorNotice error={error} />
        </div>
      ) : null}
      {saved ? (
        <div className="alert alert-success" role="status">
          {saved}
        </div>
      ) : null}
      {canSave ? (
        <form onSubmit={onSave} noValidate>
          {statusChoices.length > 1 ? (
            <fieldset className="mb-3">
              <legend className="h6">{L.status}</legend>
              {statusChoices.map((s) => (
                <div className="form-check form-check-inline" key={s}>
                  <input
                    className="form-check-input"
                    type="radio"
                    name={`${ids}-status`}
                    id={`${ids}-status-${s}`}
                    checked={draft.status === s}
                    onChange={() => edit({ status: s })}
                  />
                  <label className="form-check-label" htmlFor={`${ids}-status-${s}`}>
                    {STATUS_LABEL[s]}
                  </label>
                </div>
              ))}
            </fieldset>
          ) : null}
          <div className="form-group mb-3">
            <label htmlFor={`${ids}-progress`} className="active">
              {L.progress}
            </label>
            <input
              id={`${ids}-progress`}
              className="form-control"
              type="number"
              inputMode="numeric"
              min={0}
              max={100}
              step={5}
              value={draft.progress}
              aria-invalid={error?.field === 'progress' || undefined}
              aria-describedby={fieldError('progress')}
              onChange={(e) => edit({ progress: e.target.value })}
            />
          </div>
          <div className="form-group mb-3">
            <label htmlFor={`${ids}-issues`} className="active">
              {L.issues}
            </label>
            <textarea
              id={`${ids}-issues`}
              className="form-control"
              rows={3}
              value={draft.issues}
              aria-describedby={`${ids}-issues-help ${ids}-issues-count ${fieldError('issues') ?? ''}`.trim()}
              onChange={(e) => edit({ issues: e.target.value })}
            />
            <CharacterCount id={`${ids}-issues-count`} length={draft.issues.length} max={MAX_ISSUES} />
            <small id={`${ids}-issues-help`} className="form-text">
              {L.issuesHelp}
            </small>
          </div>
          <div className="form-group mb-3">
            <label htmlFor={`${ids}-note`} className="active">
              {L.note}
            </label>
            <input
              id={`${ids}-note`}
              className="form-control"
              type="text"
              value={draft.note}
              onChange={(e) => edit({ note: e.target.value })}
            />
          </div>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {ACTION_LABEL.UPDATE_PROGRESS}
          </button>
        </form>
      ) : null}
      {actions.has('SUBMIT') ? (
        <form onSubmit={onSubmit} className="mt-4 pt-3 border-top" noValidate>
          <h3 className="h5">{L.submitTitle}</h3>
          <p className="small">{L.submitIntro}</p>
          <div className="form-group mb-3">
            <label htmlFor={`${ids}-submit-note`} className="active">
              {L.submitNote}
            </label>
            <input
              id={`${ids}-submit-note`}
              className="form-control"
              type="text"
              value={submitNote}
              onChange={(e) => setSubmitNote(e.target.value)}
            />
          </div>
          {confirming === null ? (
            <button type="submit" className="btn btn-success" disabled={busy}>
              {ACTION_LABEL.SUBMIT}
            </button>
          ) : (
            <div className="alert alert-warning" role="group" aria-labelledby={`${ids}-confirm`}>
              <p id={`${ids}-confirm`} className="mb-2">
                {L.confirmBefore}
                <strong>{L.confirmProgress(confirming)}</strong>
                {L.confirmAfter(dirty)}
              </p>
              <div className="d-flex flex-wrap gap-2">
                <button
                  ref={confirmButton}
                  type="button"
                  className="btn btn-success btn-sm"
                  onClick={() => void confirmSubmit()}
                >
                  {L.confirm}
                </button>
                <button
                  type="button"
                  className="btn btn-outline-primary btn-sm"
                  onClick={() => setConfirming(null)}
                >
                  {L.cancel}
                </button>
              </div>
            </div>
          )}
        </form>
      ) : null}
    </section>
  );
}
