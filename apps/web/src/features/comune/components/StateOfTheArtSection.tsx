import { useEffect, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { CharacterCount } from '../../../components/CharacterCount';
import { ErrorNotice, Loading } from '../../../components/Feedback';
import { formatDateTime } from '../../../lib/dates';
import { toAppError } from '../../../lib/errors';
import { STATE_OF_THE_ART_LABEL as L } from '../../../lib/i18n';
import { ComuneStateOfTheArtQuery, SetComuneStateOfTheArtMutation } from '../api/comune';

const MAX = 4000;

/**
 * «Breve descrizione dello stato dell'arte» (seed 003, Allegato 1): the paragraph the office writes
 * for the comune and the scheda prints; the RTD and staff edit it, the others read it.
 */
export function StateOfTheArtSection({ comuneId }: { comuneId: string }) {
  const [{ data, fetching, error }] = useQuery({
    query: ComuneStateOfTheArtQuery,
    variables: { comuneId },
  });
  const [saving, save] = useMutation(SetComuneStateOfTheArtMutation);
  const current = data?.comuneStateOfTheArt ?? null;
  const [text, setText] = useState('');
  const [saved, setSaved] = useState(false);
  useEffect(() => setText(current?.text ?? ''), [current?.text]);

  const readError = toAppError(error);
  // The comune's people without the right to read it (none today) see nothing rather than an error.
  if (readError && (readError.code === 'FORBIDDEN' || readError.code === 'NOT_FOUND')) return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const result = await save({ input: { comuneId, text } });
    if (!result.error) setSaved(true);
  };
  const saveError = toAppError(saving.error);

  return (
    <section className="mb-5" aria-labelledby="stato-dell-arte">
      <h2 id="stato-dell-arte" className="h3">
        {L.title}
      </h2>
      {readError ? <ErrorNotice error={readError} /> : null}
      {fetching && !data ? <Loading what={L.loading} /> : null}
      {current && !current.canEdit ? (
        current.text ? (
          <p style={{ whiteSpace: 'pre-line' }}>{current.text}</p>
        ) : (
          <p className="text-muted">{L.none}</p>
        )
      ) : null}
      {current?.canEdit ? (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <label htmlFor="rtd-stato-arte" className="form-label">
            {L.label}
          </label>
          <textarea
            id="rtd-stato-arte"
            className="form-control"
            rows={5}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setSaved(false);
            }}
            aria-describedby="rtd-stato-arte-hint rtd-stato-arte-count"
            aria-invalid={saveError?.field === 'text' || text.length > MAX ? true : undefined}
          />
          <div id="rtd-stato-arte-hint" className="form-text">
            {L.hint(MAX.toLocaleString('it-IT'))}
            {current.updatedAt ? L.lastChange(formatDateTime(current.updatedAt)) : ''}
          </div>
          <CharacterCount id="rtd-stato-arte-count" length={text.length} max={MAX} />
          <div className="d-flex flex-wrap align-items-center gap-2 mt-2">
            <button type="submit" className="btn btn-primary btn-sm" disabled={saving.fetching}>
              {saving.fetching ? L.saving : L.save}
            </button>
            <span role="status" className="small">
              {saved ? L.saved : ''}
            </span>
          </div>
          {saveError ? <ErrorNotice error={saveError} /> : null}
        </form>
      ) : null}
    </section>
  );
}
