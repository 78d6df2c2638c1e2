import { useEffect, useId, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { EmptyState, ErrorNotice, Loading } from '../../../components/Feedback';
import { PageTitle } from '../../../components/PageTitle';
import { ProgressBar } from '../../../components/ProgressBar';
import { OverdueBadge } from '../../../components/StatusBadge';
import { formatDate, formatDateTime } from '../../../lib/dates';
import { toAppError } from '../../../lib/errors';
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
      <PageTitle title="Da validare">Da validare</PageTitle>
      <p className="lead">I resoconti inviati dai Comuni di {consortiumName}, dal più vecchio.</p>
      {appError ? <ErrorNotice error={appError} /> : null}
      {fetching && !data ? <Loading what="dei resoconti" /> : null}
      {data && items.length === 0 ? (
        <EmptyState title="Nessun resoconto da validare">
          Quando un Comune invia il resoconto di un’attività, compare qui. La pagina si aggiorna da sola.
        </EmptyState>
      ) : null}
      {items.length > 0 ? (
        <div className="table-responsive">
          <table className="table rtd-queue">
            <caption>
              {items.length === 1 ? '1 resoconto da validare' : `${items.length} resoconti da validare`}
            </caption>
            <thead>
              <tr>
                <th scope="col">Comune</th>
                <th scope="col">Obiettivo</th>
                <th scope="col">Avanzamento</th>
                <th scope="col">Evidenze</th>
                <th scope="col">Inviato il</th>
                <th scope="col">Scadenza</th>
                <th scope="col">Scegli</th>
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
                      aria-label={`Scegli ${item.comune.name}, ${item.objective.title}`}
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
      setFailures(['Controlla il campo «Motivazione»: è obbligatoria per respingere.']);
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
      if (error) failed.push(`${item.comune.name}, «${item.objective.title}»: ${error.message}`);
      else done += 1;
    }
    setBusy(false);
    setFailures(failed);
    setResult(
      `${done === 1 ? '1 resoconto' : `${done} resoconti`} ${decision === 'APPROVE' ? (done === 1 ? 'approvato' : 'approvati') : done === 1 ? 'respinto' : 'respinti'}.`,
    );
    if (done) setReason('');
    onDone();
  };
  return (
    <section aria-labelledby={`${ids}-title`} className="rtd-panel my-4">
      <h2 id={`${ids}-title`} className="h5">
        Decidi i resoconti scelti ({chosen.length})
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
          Motivazione (obbligatoria per respingere; ogni Comune la legge e la riceve per posta)
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
          Approva i selezionati
        </button>
        <button
          type="button"
          className="btn btn-outline-danger"
          disabled={busy || chosen.length === 0}
          onClick={() => void decide('REJECT')}
        >
          Respingi i selezionati
        </button>
      </div>
    </section>
  );
}
