import { useId, useRef, useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { ErrorNotice } from '../../../components/Feedback';
import type { EvidenceKind } from '../../../gql/graphql';
import { toAppError, type AppError } from '../../../lib/errors';
import { ACTION_LABEL, EVIDENCE_FORM_LABEL as L, EVIDENCE_LABEL } from '../../../lib/i18n';
import { AddEvidenceMutation } from '../api/assignment';
import { linkOrNoteProblem } from '../api/evidence-files';
import { useEvidenceUpload } from '../api/use-evidence-upload';

/**
 * "Aggiungi evidenza": a link with a description, a note, or a file. A file goes in two steps:
 * createEvidenceUpload checks the rights and the name and signs a short-lived URL, then the
 * bytes are POSTed there; the server decides the type from the content and answers any refusal.
 */
export function EvidenceForm({
  assignmentId,
  onDone,
}: {
  assignmentId: string;
  onDone: (message: string) => void;
}) {
  const ids = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [kind, setKind] = useState<EvidenceKind>('URL');
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const [, add] = useMutation(AddEvidenceMutation);
  const upload = useEvidenceUpload();

  const submitFile = async () => {
    const refused = await upload({ assignmentId, description }, file, EVIDENCE_LABEL.fileField);
    if (refused) return setError(refused);
    setFile(null);
    if (fileInput.current) fileInput.current.value = '';
    setDescription('');
    onDone(EVIDENCE_LABEL.uploaded);
  };

  const submitLinkOrNote = async () => {
    const problem = linkOrNoteProblem(kind, url, description);
    if (problem) return setError(problem);
    const result = await add({
      assignmentId,
      kind,
      url: kind === 'URL' ? url.trim() : null,
      description: description.trim(),
    });
    const failure = toAppError(result.error);
    if (failure) return setError(failure);
    setUrl('');
    setDescription('');
    onDone(EVIDENCE_LABEL.added);
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await (kind === 'FILE' ? submitFile() : submitLinkOrNote());
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label={ACTION_LABEL.ADD_EVIDENCE}>
      <h3 className="h5">{ACTION_LABEL.ADD_EVIDENCE}</h3>
      {error ? <ErrorNotice error={error} /> : null}
      <fieldset className="mb-3">
        <legend className="h6">{L.kind}</legend>
        {(['URL', 'FILE', 'NOTE'] as const).map((k) => (
          <div className="form-check form-check-inline" key={k}>
            <input
              className="form-check-input"
              type="radio"
              name={`${ids}-kind`}
              id={`${ids}-kind-${k}`}
              checked={kind === k}
              onChange={() => {
                setKind(k);
                setError(null);
              }}
            />
            <label className="form-check-label" htmlFor={`${ids}-kind-${k}`}>
              {EVIDENCE_LABEL[k]}
            </label>
          </div>
        ))}
      </fieldset>
      {kind === 'URL' ? (
        <div className="form-group mb-3">
          <label htmlFor={`${ids}-url`} className="active">
            {L.url}
          </label>
          <input
            id={`${ids}-url`}
            className="form-control"
            type="url"
            inputMode="url"
            placeholder={L.urlPlaceholder}
            value={url}
            aria-invalid={error?.field === 'url' || undefined}
            onChange={(e) => setUrl(e.target.value)}
          />
        </div>
      ) : null}
      {kind === 'FILE' ? (
        <div className="mb-3">
          <label htmlFor={`${ids}-file`} className="form-label d-block">
            {EVIDENCE_LABEL.fileField}
          </label>
          <input
            ref={fileInput}
            id={`${ids}-file`}
            className="form-control rtd-file-input"
            type="file"
            accept=".pdf,.png,.jpg,.jpeg,.webp,.gif,.odt,.ods,.docx,.xlsx,.csv,.txt"
            aria-describedby={`${ids}-file-hint`}
            aria-invalid={['file', 'fileName'].includes(error?.field ?? '') || undefined}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
          <div id={`${ids}-file-hint`} className="form-text small">
            {EVIDENCE_LABEL.fileHint}
          </div>
        </div>
      ) : null}
      <div className="form-group mb-3">
        <label htmlFor={`${ids}-description`} className="active">
          {kind === 'FILE' ? EVIDENCE_LABEL.descriptionOptional : 'Descrizione'}
        </label>
        <textarea
          id={`${ids}-description`}
          className="form-control"
          rows={2}
          value={description}
          aria-invalid={error?.field === 'description' || undefined}
          onChange={(e) => setDescription(e.target.value)}
        />
      </div>
      <button type="submit" className="btn btn-outline-primary" disabled={busy}>
        {kind === 'FILE' ? L.attach : ACTION_LABEL.ADD_EVIDENCE}
      </button>
    </form>
  );
}
