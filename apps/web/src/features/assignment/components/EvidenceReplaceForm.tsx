import { useId, useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { ErrorNotice } from '../../../components/Feedback';
import { toAppError, type AppError } from '../../../lib/errors';
import { EVIDENCE_FORM_LABEL as L, EVIDENCE_LABEL } from '../../../lib/i18n';
import { ReplaceEvidenceMutation } from '../api/assignment';
import { linkOrNoteProblem } from '../api/evidence-files';
import { useEvidenceUpload } from '../api/use-evidence-upload';
import type { AssignmentDetail } from './types';

type Evidence = AssignmentDetail['evidence'][number];

/**
 * Replaces one current evidence while the report is open: a file by a new file (a signed upload
 * naming the evidence it replaces), a link or a note by its edited version (replaceEvidence).
 * The server removes the old one in the same transaction and records it in the history.
 */
export function EvidenceReplaceForm({
  evidence: e,
  assignmentId,
  onDone,
  onCancel,
}: {
  evidence: Evidence;
  assignmentId: string;
  onDone: () => void;
  onCancel: () => void;
}) {
  const ids = useId();
  const name = e.fileName ?? e.url ?? e.description;
  const isFile = e.kind === 'FILE';
  const [url, setUrl] = useState(e.url ?? '');
  const [description, setDescription] = useState(isFile && e.description === e.fileName ? '' : e.description);
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const [, replace] = useMutation(ReplaceEvidenceMutation);
  const upload = useEvidenceUpload();

  const replaceFile = async () => {
    const refused = await upload(
      { assignmentId, description, replacesEvidenceId: e.id },
      file,
      EVIDENCE_LABEL.replaceFileField,
    );
    if (refused) return setError(refused);
    onDone();
  };

  const replaceLinkOrNote = async () => {
    const problem = linkOrNoteProblem(e.kind, url, description);
    if (problem) return setError(problem);
    const result = await replace({
      id: e.id,
      kind: e.kind,
      url: e.kind === 'URL' ? url.trim() : null,
      description: description.trim(),
    });
    const failure = toAppError(result.error);
    if (failure) return setError(failure);
    onDone();
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await (isFile ? replaceFile() : replaceLinkOrNote());
    } finally {
      setBusy(false);
    }
  };

  const verb = isFile ? EVIDENCE_LABEL.replace : EVIDENCE_LABEL.edit;
  return (
    <form onSubmit={onSubmit} noValidate aria-label={`${verb} ${name}`} className="mt-2 rtd-panel">
      {error ? <ErrorNotice error={error} /> : null}
      {isFile ? (
        <div className="mb-3">
          <label htmlFor={`${ids}-file`} className="form-label d-block">
            {EVIDENCE_LABEL.replaceFileField}
          </label>
          <input
            id={`${ids}-file`}
            className="form-control rtd-file-input"
            type="file"
            accept=".pdf,.png,.jpg,.jpeg,.webp,.gif,.odt,.ods,.docx,.xlsx,.csv,.txt"
            aria-describedby={`${ids}-file-hint`}
            aria-invalid={['file', 'fileName'].includes(error?.field ?? '') || undefined}
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          />
          <div id={`${ids}-file-hint`} className="form-text small">
            {EVIDENCE_LABEL.fileHint}
          </div>
        </div>
      ) : null}
      {e.kind === 'URL' ? (
        <div className="form-group mb-3">
          <label htmlFor={`${ids}-url`} className="active">
            {L.url}
          </label>
          <input
            id={`${ids}-url`}
            className="form-control"
            type="url"
            inputMode="url"
            value={url}
            aria-invalid={error?.field === 'url' || undefined}
            onChange={(event) => setUrl(event.target.value)}
          />
        </div>
      ) : null}
      <div className="form-group mb-3">
        <label htmlFor={`${ids}-description`} className="active">
          {isFile ? EVIDENCE_LABEL.descriptionOptional : 'Descrizione'}
        </label>
        <textarea
          id={`${ids}-description`}
          className="form-control"
          rows={2}
          value={description}
          aria-invalid={error?.field === 'description' || undefined}
          onChange={(event) => setDescription(event.target.value)}
        />
      </div>
      <button type="submit" className="btn btn-primary btn-xs me-2" disabled={busy}>
        {isFile ? EVIDENCE_LABEL.replaceFile : EVIDENCE_LABEL.saveChanges}
      </button>
      <button type="button" className="btn btn-outline-secondary btn-xs" onClick={onCancel}>
        {EVIDENCE_LABEL.cancel}
      </button>
    </form>
  );
}
