import { useId, useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { EmptyState, ErrorNotice } from '../../../components/Feedback';
import type { EvidenceKind } from '../../../gql/graphql';
import { formatDateTime } from '../../../lib/dates';
import { toAppError, type AppError } from '../../../lib/errors';
import { ACTION_LABEL } from '../../../lib/i18n';
import { AddEvidenceMutation } from '../api/assignment';
import type { AssignmentDetail } from './types';

/** The evidence list, and "Aggiungi evidenza": a link with a description, or a note. */
export function EvidenceSection({ assignment, canAdd }: { assignment: AssignmentDetail; canAdd: boolean }) {
  const ids = useId();
  const [kind, setKind] = useState<EvidenceKind>('URL');
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [added, setAdded] = useState(false);
  const [state, add] = useMutation(AddEvidenceMutation);

  const onAdd = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setAdded(false);
    if (kind === 'URL' && !/^https?:\/\/\S+$/i.test(url.trim())) {
      setError({
        code: 'BAD_USER_INPUT',
        field: 'url',
        message: 'Controlla il campo «Indirizzo (URL)»: deve iniziare con https:// o http://.',
      });
      return;
    }
    if (!description.trim()) {
      setError({
        code: 'BAD_USER_INPUT',
        field: 'description',
        message: 'Controlla il campo «Descrizione»: è obbligatoria.',
      });
      return;
    }
    const result = await add({
      assignmentId: assignment.id,
      kind,
      url: kind === 'URL' ? url.trim() : null,
      description: description.trim(),
    });
    const failure = toAppError(result.error);
    if (failure) {
      setError(failure);
      return;
    }
    setUrl('');
    setDescription('');
    setAdded(true);
  };

  return (
    <section aria-labelledby={`${ids}-title`} className="mb-4 rtd-panel">
      <h2 id={`${ids}-title`} className="h4">
        Evidenze
      </h2>
      {assignment.evidence.length === 0 ? (
        <EmptyState title="Nessuna evidenza">
          {canAdd
            ? 'Aggiungi un collegamento (una delibera, una pagina del sito) o una nota che documenti il lavoro.'
            : 'Il Comune non ha ancora documentato il lavoro.'}
        </EmptyState>
      ) : (
        <ul className="list-unstyled rtd-evidence">
          {assignment.evidence.map((e) => (
            <li key={e.id} className="mb-3">
              {e.kind === 'URL' && e.url ? (
                <a href={e.url} target="_blank" rel="noopener noreferrer">
                  {e.description}
                  <span className="visually-hidden"> (si apre in una nuova scheda)</span>
                </a>
              ) : (
                <span className="rtd-prewrap">{e.description}</span>
              )}
              <div className="small text-muted">
                {e.kind === 'URL' ? 'Collegamento' : 'Nota'} · {e.addedBy?.displayName ?? '—'} ·{' '}
                {formatDateTime(e.addedAt)}
              </div>
            </li>
          ))}
        </ul>
      )}
      {canAdd ? (
        <form onSubmit={onAdd} noValidate aria-label={ACTION_LABEL.ADD_EVIDENCE}>
          <h3 className="h5">{ACTION_LABEL.ADD_EVIDENCE}</h3>
          {error ? <ErrorNotice error={error} /> : null}
          {added ? (
            <div className="alert alert-success" role="status">
              Evidenza aggiunta.
            </div>
          ) : null}
          <fieldset className="mb-3">
            <legend className="h6">Tipo</legend>
            {(['URL', 'NOTE'] as const).map((k) => (
              <div className="form-check form-check-inline" key={k}>
                <input
                  className="form-check-input"
                  type="radio"
                  name={`${ids}-kind`}
                  id={`${ids}-kind-${k}`}
                  checked={kind === k}
                  onChange={() => setKind(k)}
                />
                <label className="form-check-label" htmlFor={`${ids}-kind-${k}`}>
                  {k === 'URL' ? 'Collegamento' : 'Nota'}
                </label>
              </div>
            ))}
          </fieldset>
          {kind === 'URL' ? (
            <div className="form-group mb-3">
              <label htmlFor={`${ids}-url`} className="active">
                Indirizzo (URL)
              </label>
              <input
                id={`${ids}-url`}
                className="form-control"
                type="url"
                inputMode="url"
                placeholder="https://"
                value={url}
                aria-invalid={error?.field === 'url' || undefined}
                onChange={(e) => setUrl(e.target.value)}
              />
            </div>
          ) : null}
          <div className="form-group mb-3">
            <label htmlFor={`${ids}-description`} className="active">
              Descrizione
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
          <button type="submit" className="btn btn-outline-primary" disabled={state.fetching}>
            {ACTION_LABEL.ADD_EVIDENCE}
          </button>
        </form>
      ) : null}
    </section>
  );
}
