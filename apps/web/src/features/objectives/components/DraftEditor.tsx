import { useId, useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { CharacterCount } from '../../../components/CharacterCount';
import { ConfirmPanel } from '../../../components/ConfirmPanel';
import { ErrorNotice } from '../../../components/Feedback';
import { PageTitle } from '../../../components/PageTitle';
import { todayInRome } from '../../../lib/dates';
import { toAppError, type AppError } from '../../../lib/errors';
import {
  CreateObjectiveMutation,
  DeleteObjectiveMutation,
  PublishObjectiveMutation,
  UpdateObjectiveMutation,
} from '../api/objectives';
import { CarriedLinks } from './CarriedLinks';
import { LinePicker, type PickedLine } from './LinePicker';
import { ProposedDueDate } from './ProposedDueDate';
import { TargetEditor, toTargetInput } from './TargetEditor';
import { draftOf, emptyTarget, MAX_DESCRIPTION, type Draft, type Objective } from './objective-draft';

/** The form of a draft objective: title, description, edition and lines, due date, target; save, publish, delete. */
export function DraftEditor({
  consortiumId,
  objective,
  editions,
  comuni,
  reload,
}: {
  consortiumId: string;
  objective: Objective | null;
  editions: { code: string; title: string }[];
  comuni: Parameters<typeof TargetEditor>[0]['comuni'];
  reload: () => void;
}) {
  const ids = useId();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<Draft>(() =>
    objective
      ? draftOf(objective)
      : {
          title: '',
          description: '',
          edition: editions[editions.length - 1]?.code ?? '',
          dueDate: '',
          lines: [],
          target: emptyTarget,
        },
  );
  const [dirty, setDirty] = useState(!objective);
  const [error, setError] = useState<AppError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [create, runCreate] = useMutation(CreateObjectiveMutation);
  const [update, runUpdate] = useMutation(UpdateObjectiveMutation);
  const [publish, runPublish] = useMutation(PublishObjectiveMutation);
  const [remove, runDelete] = useMutation(DeleteObjectiveMutation);
  const busy = create.fetching || update.fetching || publish.fetching || remove.fetching;
  const lineCodes = useMemo(() => draft.lines.map((l) => l.code), [draft.lines]);

  const edit = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setDirty(true);
    setNotice(null);
  };

  // Lines belong to one edition: changing it drops them, said aloud and undoable (issue 23).
  const [dropped, setDropped] = useState<{ edition: string; lines: PickedLine[] } | null>(null);
  const changeEdition = (edition: string) => {
    setDropped(draft.lines.length ? { edition: draft.edition, lines: draft.lines } : null);
    edit({ edition, lines: [] });
  };
  const undoEdition = () => {
    if (!dropped) return;
    edit({ edition: dropped.edition, lines: dropped.lines });
    setDropped(null);
  };
  const pastDue = draft.dueDate !== '' && draft.dueDate < todayInRome();
  const [confirmPublish, setConfirmPublish] = useState(false);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!draft.title.trim())
      return setError({
        code: 'BAD_USER_INPUT',
        field: 'title',
        message: 'Controlla il campo «Titolo»: è obbligatorio.',
      });
    if (draft.lines.length === 0)
      return setError({
        code: 'BAD_USER_INPUT',
        field: 'lineCodes',
        message: 'Scegli almeno una linea d’azione del Piano Triennale.',
      });
    const common = {
      title: draft.title.trim(),
      description: draft.description.trim() || null,
      dueDate: draft.dueDate || null,
      lineCodes,
      target: toTargetInput(draft.target),
    };
    if (!objective) {
      const r = await runCreate({ input: { ...common, consortiumId, edition: draft.edition } });
      const failure = toAppError(r.error);
      if (failure) return setError(failure);
      setDirty(false);
      navigate(`/obiettivi/${r.data!.createSharedObjective.id}`, { replace: true });
      return;
    }
    const r = await runUpdate({ id: objective.id, expectedVersion: objective.version, input: common });
    const failure = toAppError(r.error);
    if (failure?.code === 'CONFLICT') {
      setError({
        ...failure,
        message:
          'Qualcun altro ha modificato questa bozza nel frattempo: le tue modifiche sono ancora qui; ricarica la versione attuale per confrontarle.',
      });
      return;
    }
    if (failure) return setError(failure);
    setDirty(false);
    setNotice('Bozza salvata.');
    reload();
  };

  const onPublish = async () => {
    if (!objective) return;
    setError(null);
    const r = await runPublish({ id: objective.id });
    const failure = toAppError(r.error);
    if (failure) return setError(failure);
    // The published objective's page follows the push run, named in the URL.
    navigate(`/obiettivi/${objective.id}?invio=${r.data!.publishSharedObjective.id}`, { replace: true });
    reload();
  };

  const onDelete = async () => {
    if (!objective) return;
    const r = await runDelete({ id: objective.id, expectedVersion: objective.version });
    const failure = toAppError(r.error);
    if (failure) {
      setConfirmDelete(false);
      return setError(failure);
    }
    navigate('/obiettivi', { replace: true });
  };

  return (
    <>
      <nav aria-label="Percorso" className="mb-2">
        <Link to="/obiettivi">← Obiettivi condivisi</Link>
      </nav>
      <PageTitle title={objective ? `Bozza: ${objective.title}` : 'Nuovo obiettivo'}>
        {objective ? `Bozza: ${objective.title}` : 'Nuovo obiettivo'}
      </PageTitle>
      {objective ? <CarriedLinks objective={objective} /> : null}
      {error ? <ErrorNotice error={error} /> : null}
      {notice ? (
        <div className="alert alert-success" role="status">
          {notice}
        </div>
      ) : null}
      <form onSubmit={save} noValidate>
        <div className="row g-3 mb-3">
          <div className="col-12 col-lg-8">
            <label htmlFor={`${ids}-title`} className="fw-semibold small d-block">
              Titolo
            </label>
            <input
              id={`${ids}-title`}
              className="form-control border"
              value={draft.title}
              maxLength={200}
              onChange={(e) => edit({ title: e.target.value })}
              aria-invalid={error?.field === 'title' || undefined}
            />
          </div>
          <div className="col-12 col-sm-6 col-lg-2">
            <label htmlFor={`${ids}-edition`} className="fw-semibold small d-block">
              Edizione del Piano
            </label>
            <select
              id={`${ids}-edition`}
              className="form-select"
              value={draft.edition}
              disabled={!!objective}
              onChange={(e) => changeEdition(e.target.value)}
            >
              {editions.map((e) => (
                <option key={e.code} value={e.code}>
                  {e.code}
                </option>
              ))}
            </select>
          </div>
          <div className="col-12 col-sm-6 col-lg-2">
            <label htmlFor={`${ids}-due`} className="fw-semibold small d-block">
              Scadenza
            </label>
            <input
              id={`${ids}-due`}
              className="form-control"
              type="date"
              value={draft.dueDate}
              onChange={(e) => edit({ dueDate: e.target.value })}
              aria-invalid={error?.field === 'dueDate' || undefined}
              aria-describedby={pastDue ? `${ids}-past` : undefined}
            />
            {pastDue ? (
              <p id={`${ids}-past`} className="small text-danger mt-1 mb-0">
                La data è già passata: le attività risulteranno subito in ritardo.
              </p>
            ) : null}
          </div>
          <div className="col-12">
            <ProposedDueDate
              edition={draft.edition}
              lineCodes={lineCodes}
              dueDate={draft.dueDate}
              onUse={(dueDate) => edit({ dueDate })}
            />
          </div>
          <div className="col-12">
            <label htmlFor={`${ids}-description`} className="fw-semibold small d-block">
              Descrizione per i Comuni (facoltativa)
            </label>
            <textarea
              id={`${ids}-description`}
              className="form-control"
              rows={3}
              value={draft.description}
              aria-describedby={`${ids}-description-count`}
              onChange={(e) => edit({ description: e.target.value })}
            />
            <CharacterCount
              id={`${ids}-description-count`}
              length={draft.description.length}
              max={MAX_DESCRIPTION}
            />
          </div>
        </div>
        {dropped ? (
          <div className="alert alert-warning" role="status">
            Cambiando edizione sono state tolte le linee del Piano {dropped.edition}:{' '}
            {dropped.lines.map((l) => l.code).join(', ')}.{' '}
            <button type="button" className="btn btn-link p-0 align-baseline" onClick={undoEdition}>
              Torna al Piano {dropped.edition} con quelle linee
            </button>
          </div>
        ) : null}
        <LinePicker
          edition={draft.edition}
          picked={draft.lines}
          onAdd={(line) => edit({ lines: [...draft.lines, line] })}
          onRemove={(code) => edit({ lines: draft.lines.filter((l) => l.code !== code) })}
        />
        <TargetEditor
          consortiumId={consortiumId}
          comuni={comuni}
          value={draft.target}
          onChange={(target) => edit({ target })}
          lineCodes={lineCodes}
          edition={draft.edition}
        />
        <div className="d-flex flex-wrap gap-2 mb-4">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {objective ? 'Salva la bozza' : 'Crea la bozza'}
          </button>
          {objective ? (
            <button
              type="button"
              className="btn btn-success"
              disabled={busy || dirty}
              onClick={() => setConfirmPublish(true)}
            >
              Pubblica ai Comuni
            </button>
          ) : null}
          {objective && !objective.publishedAt ? (
            <button
              type="button"
              className="btn btn-outline-danger"
              disabled={busy}
              onClick={() => setConfirmDelete(true)}
            >
              Elimina la bozza
            </button>
          ) : null}
        </div>
        {objective && dirty ? <p className="small">Salva la bozza prima di pubblicarla.</p> : null}
      </form>
      {confirmPublish && objective ? (
        <ConfirmPanel
          question={
            <>
              Pubblicare «{objective.title}» a {objective.targetedCount}{' '}
              {objective.targetedCount === 1 ? 'Comune' : 'Comuni'}? Ognuno riceve l’attività da seguire.
            </>
          }
          confirmLabel="Pubblica"
          onConfirm={() => {
            setConfirmPublish(false);
            void onPublish();
          }}
          onCancel={() => setConfirmPublish(false)}
        />
      ) : null}
      {confirmDelete ? (
        <ConfirmPanel
          question={<>Eliminare la bozza «{objective?.title}»? Non si può annullare.</>}
          confirmLabel="Elimina"
          onConfirm={onDelete}
          onCancel={() => setConfirmDelete(false)}
        />
      ) : null}
    </>
  );
}
