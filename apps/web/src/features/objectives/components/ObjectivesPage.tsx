import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { EmptyState, ErrorNotice, Loading } from '../../../components/Feedback';
import { PageTitle } from '../../../components/PageTitle';
import type { ObjectiveState, Role } from '../../../gql/graphql';
import { formatDate } from '../../../lib/dates';
import { toAppError } from '../../../lib/errors';
import { OBJECTIVE_STATE_LABEL, OBJECTIVES_LABEL as L } from '../../../lib/i18n';
import { ObjectivesListQuery } from '../api/objectives';

interface Props {
  consortiumId: string;
  consortiumName: string;
  role: Role;
  canWrite: boolean;
}

const pct = (rate: number) => `${(Math.round(rate * 1000) / 10).toString().replace('.', ',')}%`;

/** "Obiettivi condivisi": the consortium's objectives with their state and progress. */
export function ObjectivesPage({ consortiumId, consortiumName, canWrite }: Props) {
  const [params, setParams] = useSearchParams();
  const state = (params.get('stato') as ObjectiveState | null) ?? null;
  const [{ data, fetching, error }] = useQuery({
    query: ObjectivesListQuery,
    variables: { consortiumId, state },
    requestPolicy: 'cache-and-network',
  });
  const summary = new Map((data?.complianceSummary ?? []).map((b) => [b.key, b]));
  const objectives = data?.sharedObjectives.edges.map((e) => e.node) ?? [];
  const appError = toAppError(error);
  return (
    <>
      <PageTitle title={L.title}>{L.title}</PageTitle>
      <p className="lead">{L.lead(consortiumName)}</p>
      <div className="d-flex flex-wrap gap-3 align-items-end mb-4">
        <div>
          <label htmlFor="filtro-stato-obiettivi" className="fw-semibold small d-block">
            {L.stateFilter}
          </label>
          <select
            id="filtro-stato-obiettivi"
            className="form-select"
            value={state ?? ''}
            onChange={(e) => setParams(e.target.value ? { stato: e.target.value } : {}, { replace: true })}
          >
            <option value="">{L.all}</option>
            {(Object.keys(OBJECTIVE_STATE_LABEL) as ObjectiveState[]).map((s) => (
              <option key={s} value={s}>
                {OBJECTIVE_STATE_LABEL[s]}
              </option>
            ))}
          </select>
        </div>
        {canWrite ? (
          <Link to="/obiettivi/nuovo" className="btn btn-primary">
            {L.new}
          </Link>
        ) : null}
      </div>
      {appError ? <ErrorNotice error={appError} /> : null}
      {fetching && !data ? <Loading what={L.loading} /> : null}
      {data && objectives.length === 0 ? (
        <EmptyState title={L.emptyTitle}>{canWrite ? L.emptyWriter : L.emptyReader}</EmptyState>
      ) : null}
      {objectives.length > 0 ? (
        <div className="table-responsive">
          <table className="table">
            <caption>{L.caption(objectives.length)}</caption>
            <thead>
              <tr>
                <th scope="col">{L.objective}</th>
                <th scope="col">{L.state}</th>
                <th scope="col">{L.due}</th>
                <th scope="col">{L.comuni}</th>
                <th scope="col">{L.completion}</th>
                <th scope="col">{L.overdue}</th>
              </tr>
            </thead>
            <tbody>
              {objectives.map((o) => {
                const b = summary.get(o.id);
                return (
                  <tr key={o.id}>
                    <td>
                      <Link to={`/obiettivi/${o.id}`}>{o.title}</Link>
                      <div className="small text-muted">
                        {o.lines.map((l) => l.code).join(', ')} · {L.edition(o.edition)}
                      </div>
                    </td>
                    <td>{OBJECTIVE_STATE_LABEL[o.state]}</td>
                    <td>{formatDate(o.dueDate)}</td>
                    <td>{o.state === 'DRAFT' ? L.planned(o.targetedCount) : o.assignmentCount}</td>
                    <td>{b ? pct(b.completionRate) : '—'}</td>
                    <td>{b ? b.overdue : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
