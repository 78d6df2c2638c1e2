import { useMemo, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { EmptyState, ErrorNotice, Loading } from '../../../components/Feedback';
import { PageTitle } from '../../../components/PageTitle';
import { ProgressBar } from '../../../components/ProgressBar';
import { ClosedBadge, OverdueBadge, StatusBadge } from '../../../components/StatusBadge';
import type { AssignmentStatus, ComuneWorklistQuery as Result } from '../../../gql/graphql';
import { describeDue, formatDate } from '../../../lib/dates';
import { toAppError } from '../../../lib/errors';
import { WORKLIST_LABEL as L, STATUS_LABEL, STATUS_ORDER } from '../../../lib/i18n';
import { ComuneWorklistQuery } from '../api/worklist';

type Item = Result['assignments']['edges'][number]['node'];

const byUrgency = (a: Item, b: Item) =>
  (a.dueDate ?? '9999-12-31').localeCompare(b.dueDate ?? '9999-12-31') ||
  a.objective.title.localeCompare(b.objective.title);

/** "Le attività del Comune": the comune's assignments, the overdue first, then grouped by status. */
export function WorklistPage({
  comuneId,
  comuneName,
  actions,
}: {
  comuneId: string;
  comuneName: string;
  /** Composed by the route: the download buttons. */
  actions?: ReactNode;
}) {
  const [params, setParams] = useSearchParams();
  const statusFilter = (params.get('stato') as AssignmentStatus | null) ?? null;
  const editionFilter = params.get('edizione');
  const [{ data, fetching, error }] = useQuery({ query: ComuneWorklistQuery, variables: { comuneId } });

  const items = useMemo(() => data?.assignments.edges.map((e) => e.node) ?? [], [data]);
  const editions = useMemo(() => [...new Set(items.map((i) => i.objective.edition))].sort(), [items]);
  const shown = items.filter(
    (i) =>
      (!statusFilter || i.status === statusFilter) &&
      (!editionFilter || i.objective.edition === editionFilter),
  );
  // A closed objective is no longer open work: it goes last, under its own heading (issue 23).
  const open = shown.filter((i) => i.objective.state !== 'CLOSED');
  const closed = shown.filter((i) => i.objective.state === 'CLOSED').sort(byUrgency);
  const overdue = open.filter((i) => i.overdue).sort(byUrgency);
  const groups = STATUS_ORDER.map((status) => ({
    status,
    items: open.filter((i) => i.status === status && !i.overdue).sort(byUrgency),
  })).filter((g) => g.items.length > 0);

  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  const appError = toAppError(error);
  // The list comes first (on a phone the first task was on the second screen): the downloads and
  // the import panel follow it, in the page's order as in the reading order (issue 23).
  return (
    <>
      <PageTitle title={L.title(comuneName)}>{L.title(comuneName)}</PageTitle>
      <form className="rtd-filters row g-3 mb-4" aria-label={L.filters} onSubmit={(e) => e.preventDefault()}>
        <div className="col-12 col-md-4">
          <label htmlFor="filtro-stato">{L.status}</label>
          <div className="select-wrapper">
            <select
              id="filtro-stato"
              value={statusFilter ?? ''}
              onChange={(e) => setFilter('stato', e.target.value)}
            >
              <option value="">{L.allStatuses}</option>
              {STATUS_ORDER.map((s) => (
                <option key={s} value={s}>
                  {STATUS_LABEL[s]}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="col-12 col-md-4">
          <label htmlFor="filtro-edizione">{L.edition}</label>
          <div className="select-wrapper">
            <select
              id="filtro-edizione"
              value={editionFilter ?? ''}
              onChange={(e) => setFilter('edizione', e.target.value)}
            >
              <option value="">{L.allEditions}</option>
              {editions.map((e) => (
                <option key={e} value={e}>
                  {e}
                </option>
              ))}
            </select>
          </div>
        </div>
      </form>

      {appError ? <ErrorNotice error={appError} /> : null}
      {fetching && !data ? <Loading what={L.loading} /> : null}
      {data ? (
        <p className="lead" aria-live="polite">
          {L.summary(open.length, overdue.length, closed.length, items.length, data.assignments.totalCount)}
        </p>
      ) : null}
      {data && items.length === 0 ? <EmptyState title={L.emptyTitle}>{L.emptyText}</EmptyState> : null}
      {data && items.length > 0 && shown.length === 0 ? (
        <EmptyState title={L.noMatchTitle}>
          <button type="button" className="btn btn-link p-0" onClick={() => setParams(new URLSearchParams())}>
            {L.showAll}
          </button>
        </EmptyState>
      ) : null}

      {overdue.length ? <Group title={L.overdue} items={overdue} /> : null}
      {groups.map((g) => (
        <Group key={g.status} title={STATUS_LABEL[g.status]} items={g.items} />
      ))}
      {closed.length ? <Group title={L.closed} items={closed} /> : null}
      {actions}
    </>
  );
}

function Group({ title, items }: { title: string; items: Item[] }) {
  return (
    <section className="mb-5" aria-label={L.group(title, items.length)}>
      <h2 className="h4">
        {title} <span className="text-muted">({items.length})</span>
      </h2>
      <ul className="list-unstyled rtd-cards">
        {items.map((item) => (
          <li key={item.id} className="mb-3">
            <div className="card rtd-card">
              <div className="card-body">
                <h3 className="h5 card-title">
                  <Link to={`/assegnazioni/${item.id}`}>{item.objective.title}</Link>
                </h3>
                <p className="mb-2 rtd-codes">
                  {L.lines(item.objective.lines.map((l) => l.code).join(', '), item.objective.edition)}
                </p>
                {item.objective.state === 'CLOSED' ? (
                  <div className="d-flex flex-wrap gap-2 align-items-center mb-2">
                    <ClosedBadge closedAt={item.objective.closedAt} />
                    <span>{L.lastStatus(STATUS_LABEL[item.status], formatDate(item.dueDate))}</span>
                  </div>
                ) : (
                  <div className="d-flex flex-wrap gap-2 align-items-center mb-2">
                    <StatusBadge status={item.status} />
                    {item.overdue ? <OverdueBadge /> : null}
                    <span>
                      {L.due(formatDate(item.dueDate))}
                      {item.dueDate && item.status !== 'COMPLETED' && item.status !== 'NOT_APPLICABLE'
                        ? ` (${describeDue(item.dueDate)})`
                        : ''}
                    </span>
                  </div>
                )}
                <ProgressBar value={item.progress} />
                {item.delegate?.displayName ? (
                  <p className="small mb-0 mt-2">{L.delegatedTo(item.delegate.displayName)}</p>
                ) : null}
              </div>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
