import { useMemo, useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { EmptyState, ErrorNotice, Loading } from '../../../components/Feedback';
import { PageTitle } from '../../../components/PageTitle';
import type { DashboardComuneOrder, Role } from '../../../gql/graphql';
import { formatDate, todayInRome } from '../../../lib/dates';
import { toAppError } from '../../../lib/errors';
import { DASHBOARD_LABEL as L, STATUS_COLOR, STATUS_LABEL, STATUS_ORDER } from '../../../lib/i18n';
import { DashboardMembersQuery, DashboardTrendQuery } from '../api/dashboard';
import { useConsortiumDashboard } from '../hooks/useConsortiumDashboard';
import { RemindComuneButton } from './RemindComuneButton';
import { percent } from '../model';
import { Heatmap } from './Heatmap';
import { PnrrConsortiumSection } from './PnrrConsortiumSection';
import {
  Criticita,
  Deadlines,
  FIELD,
  Figure,
  Filters,
  LaggardTable,
  Trend,
  TREND_DAYS,
} from './DashboardSections';

const REFRESH_MS = 15_000;
const COMUNI_PAGE = 25;
const LIST_STEP = 10;

interface Props {
  consortiumId: string;
  consortiumName: string;
  role: Role;
  canWrite: boolean;
  /** Composed by the route: the downloads and the report schedule, in their own section at the end. */
  actions?: ReactNode;
}

function daysBefore(isoDay: string, days: number): string {
  const d = new Date(`${isoDay}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/**
 * "Cruscotto": the consortium at a glance, as the server counts it (consortiumDashboard): the
 * figures first, then what a meeting needs (the next deadlines, the open criticità), the heatmap,
 * who is behind and the trend; the downloads and the report schedule last. Filters live in the URL.
 */
export function DashboardPage({ consortiumId, consortiumName, actions, canWrite }: Props) {
  const [params, setParams] = useSearchParams();
  const filter = useMemo(
    () => ({
      edition: params.get('edizione') || null,
      chapter: params.get('capitolo') ? Number(params.get('capitolo')) : null,
      provinceCode: params.get('provincia') || null,
      objectiveId: params.get('obiettivo') || null,
    }),
    [params],
  );
  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
    setOffset(0);
  };
  const [offset, setOffset] = useState(0);
  const [rowOrder, setRowOrder] = useState<DashboardComuneOrder>('NAME' as DashboardComuneOrder);
  const [deadlinesFirst, setDeadlinesFirst] = useState(LIST_STEP);
  const [criticitaFirst, setCriticitaFirst] = useState(LIST_STEP);

  const { data, error } = useConsortiumDashboard(
    {
      consortiumId,
      filter,
      comuniFirst: COMUNI_PAGE,
      comuniOffset: offset,
      comuniOrder: rowOrder,
      deadlinesFirst,
      criticitaFirst,
    },
    REFRESH_MS,
  );
  const [members] = useQuery({ query: DashboardMembersQuery, variables: { consortiumId } });
  const today = todayInRome();
  const trendScope = useMemo(
    () => ({ consortiumId, ...(filter.objectiveId ? { objectiveId: filter.objectiveId } : {}) }),
    [consortiumId, filter.objectiveId],
  );
  const [trend] = useQuery({
    query: DashboardTrendQuery,
    variables: { scope: trendScope, from: daysBefore(today, TREND_DAYS), to: today },
  });

  const withReferent = new Set(
    (members.data?.consortiumMemberships ?? [])
      .filter((m) => m.role === 'COMUNE_REFERENT')
      .map((m) => m.comune?.id),
  );
  const withoutReferent = (members.data?.consortium?.comuni.edges ?? []).filter(
    (e) =>
      !withReferent.has(e.node.id) && (!filter.provinceCode || e.node.provinceCode === filter.provinceCode),
  ).length;

  const appError = error ?? toAppError(members.error);
  const figures = data?.figures ?? null;
  return (
    <>
      <PageTitle title={L.title}>{L.title}</PageTitle>
      <p className="lead">
        <span>{consortiumName}</span>
        {data ? <span className="d-none d-print-inline">{L.asOf(formatDate(data.today))}</span> : null}
      </p>

      {appError ? <ErrorNotice error={appError} /> : null}
      {!data && !appError ? <Loading what={L.loading} /> : null}
      {data &&
      figures &&
      figures.total === 0 &&
      !filter.edition &&
      !filter.objectiveId &&
      !filter.provinceCode ? (
        <EmptyState title={L.emptyTitle}>
          {L.emptyText} <Link to="/obiettivi/nuovo">{L.newObjective}</Link>
        </EmptyState>
      ) : null}

      {data && figures ? (
        <>
          <section aria-labelledby="cifre-titolo" className="mb-4">
            <h2 id="cifre-titolo" className="visually-hidden">
              {L.figures}
            </h2>
            <div className="row g-3 rtd-figures">
              <Figure
                label={L.completion}
                value={percent(figures.completionRate)}
                detail={L.completedOf(figures.completed, figures.total - figures.notApplicable)}
              />
              <Figure label={L.overdue} value={String(figures.overdue)} detail={L.overdueDetail} />
              <Figure
                label={L.submitted}
                value={String(figures.submitted)}
                detail={<Link to="/da-validare">{L.openSubmitted}</Link>}
              />
              <Figure
                label={L.withoutReferent}
                value={members.data ? String(withoutReferent) : L.unknown}
                detail={<Link to="/persone">{L.people}</Link>}
              />
            </div>
            <ul className="list-inline mt-3 mb-0 rtd-status-counts" aria-label={L.byStatus(figures.total)}>
              {STATUS_ORDER.map((s) => (
                <li key={s} className="list-inline-item me-3">
                  <span className={`badge rtd-status rtd-status-${STATUS_COLOR[s]}`}>{STATUS_LABEL[s]}</span>{' '}
                  <strong>{figures[FIELD[s]]}</strong>
                </li>
              ))}
              <li className="list-inline-item">
                {L.inAll} <strong>{figures.total}</strong>
              </li>
            </ul>
          </section>

          <Filters data={data} params={params} setFilter={setFilter} />

          <div className="row g-4 mb-4">
            <div className="col-12 col-xl-6">
              <Deadlines
                page={data.deadlines!}
                days={data.deadlineDays}
                onMore={() => setDeadlinesFirst((n) => Math.min(n + LIST_STEP * 5, 100))}
              />
            </div>
            <div className="col-12 col-xl-6">
              <Criticita
                page={data.criticita!}
                onMore={() => setCriticitaFirst((n) => Math.min(n + LIST_STEP * 5, 100))}
              />
            </div>
          </div>

          <Heatmap
            objectives={data.objectives ?? []}
            rows={data.comuni?.rows ?? []}
            totalComuni={data.comuni?.totalCount ?? 0}
            offset={data.comuni?.offset ?? 0}
            pageSize={COMUNI_PAGE}
            rowOrder={rowOrder}
            onRowOrder={(o) => {
              setRowOrder(o);
              setOffset(0);
            }}
            onOffset={setOffset}
          />

          <section aria-labelledby="ritardatari-titolo" className="mb-5 rtd-print-page">
            <h2 id="ritardatari-titolo" className="h4">
              {L.laggards}
            </h2>
            <div className="row g-4">
              <div className="col-12 col-lg-6">
                <LaggardTable
                  caption={L.laggardComuni}
                  head={L.comune}
                  rows={(data.laggards ?? []).map((r) => ({
                    key: r.id,
                    label: r.name,
                    ...r.counts,
                    href: `/comuni/${r.id}`,
                  }))}
                  action={
                    canWrite
                      ? (row) => (
                          <RemindComuneButton
                            consortiumId={consortiumId}
                            comuneId={row.key}
                            comuneName={row.label}
                          />
                        )
                      : undefined
                  }
                />
              </div>
              <div className="col-12 col-lg-6">
                <LaggardTable
                  caption={L.laggardObjectives}
                  head={L.objective}
                  rows={[...(data.objectives ?? [])]
                    .sort(
                      (a, b) =>
                        a.counts.completionRate - b.counts.completionRate ||
                        a.title.localeCompare(b.title, 'it'),
                    )
                    .slice(0, 5)
                    .map((o) => ({
                      key: o.id,
                      label: o.title,
                      ...o.counts,
                      href: `/cruscotto?obiettivo=${o.id}`,
                    }))}
                />
              </div>
            </div>
          </section>

          <Trend points={trend.data?.complianceTrend ?? []} />
        </>
      ) : null}
      <PnrrConsortiumSection consortiumId={consortiumId} />

      {/* The actions ask their own data (settings, schedule, reports): after the figures, not competing with them. */}
      {actions && (data || appError) ? (
        <section aria-labelledby="azioni-titolo" className="mb-5 pt-3 border-top d-print-none">
          <h2 id="azioni-titolo" className="h4">
            {L.actions}
          </h2>
          <p>
            <button type="button" className="btn btn-outline-primary btn-sm" onClick={() => window.print()}>
              {L.print}
            </button>
          </p>
          {actions}
        </section>
      ) : null}
    </>
  );
}
