import { useEffect, useId, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { EmptyState, ErrorNotice, Loading } from '../../../components/Feedback';
import { PageTitle } from '../../../components/PageTitle';
import { ProgressBar } from '../../../components/ProgressBar';
import { OverdueBadge } from '../../../components/StatusBadge';
import { formatDate, formatDateTime } from '../../../lib/dates';
import { toAppError } from '../../../lib/errors';
import { REVIEW_QUEUE_LABEL as L } from '../../../lib/i18n';
import type { ReviewQueueQuery as Result } from '../../../gql/graphql';
import { BatchReviewMutation, ReviewQueueQuery } from '../api/review';

type Item = Result['assignments']['edges'][number]['node'];

const REFRESH_MS = 20_000;

/** "Da validare": the consortium's submitted reports, the oldest first. */
export function ReviewQueuePage({
  consortiumId,
  consortiumName,
}: {
  consortiumId: string;
  consortiumName: string;
}) {
  const [{ data, fetching, error }, refetch] = useQuery({
    query: ReviewQueueQuery,
    variables: { consortiumId },
    context: useMemo(() => ({ additionalTypenames: ['Assignment'] }), []),
  });
  // New submissions show up without a reload.
  useEffect(() => {
    const timer = window.setInterval(() => refetch({ requestPolicy: 'network-only' }), REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [refetch]);

  const items = useMemo(
    () =>
      [...(data?.assignments.edges.map((e) => e.node) ?? [])].sort((a, b) =>
        a.updatedAt.localeCompare(b.updatedAt),
      ),
    [data],
  );
  const [chosen, setChosen] = useState<Set<string>>(() => new Set());
  const toggle = (id: string) =>
    setChosen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const appError = toAppError(error);
  return (
    <>
      <PageTitle title={L.title}>{L.title}</PageTitle>
      <p className="lead">{L.lead(consortiumName)}</p>
      {appError ? <ErrorNotice error={appError} /> : null}
      {fetching && !data ? <Loading what={L.loading} /> : null}
      {data && items.length === 0 ? <EmptyState title={L.emptyTitle}>{L.emptyText}</EmptyState> : null}
      {items.length > 0 ? (
        <div className="table-responsive">
          <table className="table rtd-queue">
            <caption>{L.caption(items.length)}</caption>
            <thead>
              <tr>
                <th scope="col">{L.comune}</th>
                <th scope="col">{L.objective}</th>
                <th scope="col">{L.progress}</th>
                <th scope="col">{L.evidence}</th>
                <th scope="col">{L.sentOn}</th>
                <th scope="col">{L.due}</th>
                <th scope="col">{L.choose}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id}>
                  <td>{item.comune.name}</td>
                  <td>
                    <Link to={`/assegnazioni/${item.id}`}>{item.objective.title}</Link>
                    <div className="small text-muted">
                      {item.objective.lines.map((l) => l.code).join(', ')}
                    </div>
                  </td>
                  <td>
                    <ProgressBar value={item.progress} />
                  </td>
                  <td>{item.evidence.length}</td>
                  <td>{formatDateTime(item.updatedAt)}</td>
                  <td>
                    {formatDate(item.dueDate)} {item.overdue ? <OverdueBadge /> : null}
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      className="form-check-input position-static ms-0"
                      aria-label={L.chooseOne(item.comune.name, item.objective.title)}
                      checked={chosen.has(item.id)}
                      onChange={() => toggle(item.id)}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {items.length > 0 ? (
        <BatchDecision
          chosen={items.filter((i) => chosen.has(i.id))}
          onDone={() => {
            setChosen(new Set());
            refetch({ requestPolicy: 'network-only' });
          }}
        />
      ) : null}
    </>
  );
}

/**
 * Several reports decided at once: approve the chosen ones, or reject them with one reason (mailed
 * to each comune, as a single decision would be). Each goes through reviewAssignment with its own
 * version: one changed meanwhile is reported, the others are decided.
 */
function BatchDecision({ chosen, onDone }: { chosen: Item[]; onDone: () => void }) {
  const ids = useId();
  const [reason, setReason] = useState('');
  const [result, setResult] = useState<string | null>(null);
  const [failures, setFailures] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [, review] = useMutation(BatchReviewMutation);
  const decide = async (decision: 'APPROVE' | 'REJECT') => {
    setResult(null);
    setFailures([]);
    if (decision === 'REJECT' && !reason.trim()) {
      setFailures([L.reasonRequired]);
      return;
    }
    setBusy(true);
    const failed: string[] = [];
    let done = 0;
    for (const item of chosen) {
      const r = await review({
        id: item.id,
        expectedVersion: item.version,
        decision,
        reason: reason.trim() || null,
      });
      const error = toAppError(r.error);
      if (error) failed.push(L.failed(item.comune.name, item.objective.title, error.message));
      else done += 1;
    }
    setBusy(false);
    setFailures(failed);
    setResult(L.decided(done, decision === 'APPROVE'));
    if (done) setReason('');
    onDone();
  };
  return (
    <section aria-labelledby={`${ids}-title`} className="rtd-panel my-4">
      <h2 id={`${ids}-title`} className="h5">
        {L.decideTitle(chosen.length)}
      </h2>
      {result ? (
        <div className="alert alert-success" role="status">
          {result}
        </div>
      ) : null}
      {failures.length ? (
        <div className="alert alert-danger" role="alert">
          <ul className="mb-0">
            {failures.map((f) => (
              <li key={f}>{f}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="form-group mb-3">
        <label htmlFor={`${ids}-reason`} className="active">
          {L.reason}
        </label>
        <textarea
          id={`${ids}-reason`}
          className="form-control"
          rows={2}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </div>
      <div className="d-flex flex-wrap gap-2">
        <button
          type="button"
          className="btn btn-success"
          disabled={busy || chosen.length === 0}
          onClick={() => void decide('APPROVE')}
        >
          {L.approve}
        </button>
        <button
          type="button"
          className="btn btn-outline-danger"
          disabled={busy || chosen.length === 0}
          onClick={() => void decide('REJECT')}
        >
          {L.reject}
        </button>
      </div>
    </section>
  );
}
