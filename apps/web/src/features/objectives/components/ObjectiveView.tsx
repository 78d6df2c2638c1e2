import { useCallback, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMutation } from 'urql';
import { ConfirmPanel } from '../../../components/ConfirmPanel';
import { ErrorNotice } from '../../../components/Feedback';
import { PageTitle } from '../../../components/PageTitle';
import { formatDate, formatDateTime } from '../../../lib/dates';
import { errorFor, toAppError, type AppError } from '../../../lib/errors';
import { OBJECTIVE_STATE_LABEL, OBJECTIVE_VIEW_LABEL as L } from '../../../lib/i18n';
import { CloseObjectiveMutation, PublishObjectiveMutation } from '../api/objectives';
import { PlanLineFacts } from '../../../components/PlanLineFacts';
import { CarriedLinks } from './CarriedLinks';
import { CarryForwardPanel } from './CarryForwardPanel';
import { PublishedObjectiveEdit } from './PublishedObjectiveEdit';
import { PushRunMonitor } from './PushRunMonitor';
import { type Objective } from './objective-draft';

/** A published or closed objective (or any, for who cannot write): facts, edits of a published one, close. */
export function ObjectiveView({
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
      <nav aria-label={L.breadcrumb} className="mb-2">
        <Link to="/obiettivi">{L.back}</Link>
      </nav>
      <PageTitle title={o.title}>{o.title}</PageTitle>
      <p className="text-muted">
        {L.facts(OBJECTIVE_STATE_LABEL[o.state], o.edition, formatDate(o.dueDate))}
        {o.publishedAt ? L.publishedOn(formatDateTime(o.publishedAt)) : ''}
      </p>
      <CarriedLinks objective={o} />
      {error ? <ErrorNotice error={error} /> : null}
      {runId ? <PushRunMonitor runId={runId} onFinished={finished} /> : null}
      <dl className="row">
        <dt className="col-sm-3">{L.comuni}</dt>
        <dd className="col-sm-9">
          {L.assigned(o.assignmentCount, o.targetedCount)}{' '}
          <Link to={`/cruscotto?obiettivo=${o.id}`}>{L.onDashboard}</Link>
        </dd>
        {o.description ? (
          <>
            <dt className="col-sm-3">{L.description}</dt>
            <dd className="col-sm-9 rtd-prewrap">{o.description}</dd>
          </>
        ) : null}
      </dl>
      <h2 className="h4">{L.lines}</h2>
      <ul className="list-unstyled">
        {o.lines.map((l) => (
          <li key={l.id} className="mb-3">
            <strong>{l.code}</strong>
            {L.chapter(l.chapter, l.chapterTitle)}
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
            {L.publishAdded}
          </button>
          <button
            type="button"
            className="btn btn-outline-danger"
            onClick={() => setConfirmClose(true)}
            disabled={close.fetching}
          >
            {L.close}
          </button>
        </div>
      ) : null}
      {canWrite && o.state === 'PUBLISHED' ? <PublishedObjectiveEdit objective={o} onSaved={reload} /> : null}
      {canWrite && superseded ? <CarryForwardPanel objectiveId={o.id} /> : null}
      {confirmClose ? (
        <ConfirmPanel
          question={L.closeQuestion(o.title)}
          confirmLabel={L.closeConfirm}
          onConfirm={onClose}
          onCancel={() => setConfirmClose(false)}
        />
      ) : null}
    </>
  );
}
