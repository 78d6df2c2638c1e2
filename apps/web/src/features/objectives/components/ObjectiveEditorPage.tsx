import { useCallback, useId, useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { CharacterCount } from '../../../components/CharacterCount';
import { ConfirmPanel } from '../../../components/ConfirmPanel';
import { ErrorNotice, Loading } from '../../../components/Feedback';
import { PageTitle } from '../../../components/PageTitle';
import type { ObjectiveQuery, Role } from '../../../gql/graphql';
import { formatDate, formatDateTime, todayInRome } from '../../../lib/dates';
import { errorFor, toAppError, type AppError } from '../../../lib/errors';
import { OBJECTIVE_STATE_LABEL } from '../../../lib/i18n';
import {
  CloseObjectiveMutation,
  CreateObjectiveMutation,
  DeleteObjectiveMutation,
  EditorReferenceQuery,
  ObjectiveQuery as Query,
  PublishObjectiveMutation,
  UpdateObjectiveMutation,
} from '../api/objectives';
import { PlanLineFacts } from '../../../components/PlanLineFacts';
import { CarriedLinks } from './CarriedLinks';
import { CarryForwardPanel } from './CarryForwardPanel';
import { LinePicker, type PickedLine } from './LinePicker';
import { ProposedDueDate } from './ProposedDueDate';
import { PublishedObjectiveEdit } from './PublishedObjectiveEdit';
import { PushRunMonitor } from './PushRunMonitor';
import { TargetEditor, toTargetInput, type TargetDraft } from './TargetEditor';

/** The server's limit on an objective's description (libs/objectives). */
export const MAX_DESCRIPTION = 10_000;

type Objective = NonNullable<ObjectiveQuery['sharedObjective']>;

interface Props {
  consortiumId: string;
  consortiumName: string;
  role: Role;
  canWrite: boolean;
  objectiveId: string | null;
}

interface Draft {
  title: string;
  description: string;
  edition: string;
  dueDate: string;
  lines: PickedLine[];
  target: TargetDraft;
}

const emptyTarget: TargetDraft = {
  all: true,
  comuneIds: [],
  minPopulation: '',
  maxPopulation: '',
  provinceCodes: [],
};

function draftOf(o: Objective): Draft {
  return {
    title: o.title,
    description: o.description ?? '',
    edition: o.edition,
    dueDate: o.dueDate ?? '',
    lines: o.lines,
    target: {
      all: o.target.all,
      comuneIds: o.target.comuneIds ?? [],
      // The stored target carries the lines' inherited threshold; the editor shows the person's own choice.
      minPopulation: o.target.all ? '' : String(o.target.minPopulation ?? ''),
      maxPopulation: o.target.all ? '' : String(o.target.maxPopulation ?? ''),
      provinceCodes: o.target.provinceCodes ?? [],
    },
  };
}

/** Create or edit a draft objective, publish it and watch the push run; close or delete it. */
export function ObjectiveEditorPage({ consortiumId, canWrite, objectiveId }: Props) {
  const [reference] = useQuery({ query: EditorReferenceQuery, variables: { consortiumId } });
  const [objective, reloadObjective] = useQuery({
    query: Query,
    variables: { id: objectiveId ?? '' },
    pause: !objectiveId,
    requestPolicy: 'cache-and-network',
  });
  const reload = useCallback(() => reloadObjective({ requestPolicy: 'network-only' }), [reloadObjective]);
  if (reference.fetching && !reference.data) return <Loading what="dell’obiettivo" />;
  if (objectiveId && objective.fetching && !objective.data) return <Loading what="dell’obiettivo" />;
  const loadError = toAppError(reference.error) ?? toAppError(objective.error);
  const o = objective.data?.sharedObjective ?? null;
  if (objectiveId && !o) {
    return (
      <>
        <PageTitle title="Obiettivo non trovato">Obiettivo non trovato</PageTitle>
        <p>
          {loadError?.code && loadError.code !== 'NOT_FOUND'
            ? loadError.message
            : 'Questo obiettivo non esiste o non è del tuo consorzio.'}
        </p>
        <Link to="/obiettivi">Torna agli obiettivi condivisi</Link>
      </>
    );
  }
  if (!reference.data) return loadError ? <ErrorNotice error={loadError} /> : null;
  const comuni = reference.data.consortium?.comuni.edges.map((e) => e.node) ?? [];
  const editions = reference.data.planEditions;
  if (o && (o.state !== 'DRAFT' || !canWrite)) {
    const superseded = editions.find((e) => e.code === o.edition)?.status === 'SUPERSEDED';
    return <ObjectiveView objective={o} canWrite={canWrite} reload={reload} superseded={superseded} />;
  }
  return (
    <DraftEditor
      key={o?.id ?? 'new'}
      consortiumId={consortiumId}
      objective={o}
      editions={editions}
      comuni={comuni}
      reload={reload}
    />
  );
}

function DraftEditor({
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

function ObjectiveView({
  objective: o,
  canWrite,
  reload,
  superseded,
}: {
  objective: Objective;
  canWrite: boolean;
  reload: () => void;
  /** The objective's edition is superseded: it can be carried forward. */
  superseded: boolean;
}) {
  const [params, setParams] = useSearchParams();
  const runId = params.get('invio');
  const setRunId = (id: string) => setParams({ invio: id }, { replace: true });
  const [error, setError] = useState<AppError | null>(null);
  const [confirmClose, setConfirmClose] = useState(false);
  const [publish, runPublish] = useMutation(PublishObjectiveMutation);
  const [close, runClose] = useMutation(CloseObjectiveMutation);
  const finished = useCallback(() => reload(), [reload]);
  const onPublish = async () => {
    setError(null);
    const r = await runPublish({ id: o.id });
    const failure = toAppError(r.error);
    if (failure) return setError(failure);
    setRunId(r.data!.publishSharedObjective.id);
  };
  const onClose = async () => {
    setError(null);
    const r = await runClose({ id: o.id, expectedVersion: o.version });
    setConfirmClose(false);
    const failure = toAppError(r.error);
    if (failure) return setError(failure.code === 'CONFLICT' ? { ...errorFor('CONFLICT') } : failure);
    reload();
  };
  return (
    <>
      <nav aria-label="Percorso" className="mb-2">
        <Link to="/obiettivi">← Obiettivi condivisi</Link>
      </nav>
      <PageTitle title={o.title}>{o.title}</PageTitle>
      <p className="text-muted">
        {OBJECTIVE_STATE_LABEL[o.state]} · Piano Triennale {o.edition} · scadenza {formatDate(o.dueDate)}
        {o.publishedAt ? ` · pubblicato il ${formatDateTime(o.publishedAt)}` : ''}
      </p>
      <CarriedLinks objective={o} />
      {error ? <ErrorNotice error={error} /> : null}
      {runId ? <PushRunMonitor runId={runId} onFinished={finished} /> : null}
      <dl className="row">
        <dt className="col-sm-3">Comuni con l’attività</dt>
        <dd className="col-sm-9">
          {o.assignmentCount} (il destinatario oggi ne comprende {o.targetedCount}) ·{' '}
          <Link to={`/cruscotto?obiettivo=${o.id}`}>vedi nel cruscotto</Link>
        </dd>
        {o.description ? (
          <>
            <dt className="col-sm-3">Descrizione</dt>
            <dd className="col-sm-9 rtd-prewrap">{o.description}</dd>
          </>
        ) : null}
      </dl>
      <h2 className="h4">Linee d’azione</h2>
      <ul className="list-unstyled">
        {o.lines.map((l) => (
          <li key={l.id} className="mb-3">
            <strong>{l.code}</strong> · Cap. {l.chapter} {l.chapterTitle}
            <div>{l.text}</div>
            <PlanLineFacts line={l} />
          </li>
        ))}
      </ul>
      {canWrite && o.state === 'PUBLISHED' ? (
        <div className="d-flex flex-wrap gap-2 my-4">
          <button
            type="button"
            className="btn btn-primary"
            onClick={onPublish}
            disabled={publish.fetching || !!runId}
          >
            Invia ai Comuni aggiunti dopo la pubblicazione
          </button>
          <button
            type="button"
            className="btn btn-outline-danger"
            onClick={() => setConfirmClose(true)}
            disabled={close.fetching}
          >
            Chiudi l’obiettivo
          </button>
        </div>
      ) : null}
      {canWrite && o.state === 'PUBLISHED' ? <PublishedObjectiveEdit objective={o} onSaved={reload} /> : null}
      {canWrite && superseded ? <CarryForwardPanel objectiveId={o.id} /> : null}
      {confirmClose ? (
        <ConfirmPanel
          question={<>Chiudere «{o.title}»? I Comuni non potranno più aggiornarlo.</>}
          confirmLabel="Chiudi"
          onConfirm={onClose}
          onCancel={() => setConfirmClose(false)}
        />
      ) : null}
    </>
  );
}
