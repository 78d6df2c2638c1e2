import { useEffect, useMemo } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { EmptyState, ErrorNotice, Loading } from '../../../components/Feedback';
import { PageTitle } from '../../../components/PageTitle';
import { ProgressBar } from '../../../components/ProgressBar';
import { OverdueBadge } from '../../../components/StatusBadge';
import { formatDate, formatDateTime } from '../../../lib/dates';
import { toAppError } from '../../../lib/errors';
import { ReviewQueueQuery } from '../api/review';

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
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
