import { useMemo, useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { EmptyState, ErrorNotice, Loading } from '../../../components/Feedback';
import { PageTitle } from '../../../components/PageTitle';
import { OverdueBadge, StatusBadge } from '../../../components/StatusBadge';
import type { DashboardComuneOrder, Role } from '../../../gql/graphql';
import { formatDate, formatDateTime, todayInRome } from '../../../lib/dates';
import { toAppError } from '../../../lib/errors';
import { STATUS_COLOR, STATUS_LABEL, STATUS_ORDER } from '../../../lib/i18n';
import { DashboardLaggardsQuery, DashboardMembersQuery, DashboardTrendQuery } from '../api/dashboard';
import { useConsortiumDashboard, type Dashboard } from '../hooks/useConsortiumDashboard';
import { RemindComuneButton } from './RemindComuneButton';
import { percent } from '../model';
import { Heatmap } from './Heatmap';
import { PnrrConsortiumSection } from './PnrrConsortiumSection';
import { TrendChart } from './TrendChart';

const REFRESH_MS = 15_000;
const TREND_DAYS = 90;
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
  const [laggards] = useQuery({
    query: DashboardLaggardsQuery,
    variables: { consortiumId, filter },
    requestPolicy: 'cache-and-network',
  });
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
      <PageTitle title="Cruscotto">Cruscotto</PageTitle>
      <p className="lead">
        {consortiumName}
        {data ? <span className="d-none d-print-inline"> · dati al {formatDate(data.today)}</span> : null}
      </p>

      {appError ? <ErrorNotice error={appError} /> : null}
      {!data && !appError ? <Loading what="del cruscotto" /> : null}
      {data &&
      figures &&
      figures.total === 0 &&
      !filter.edition &&
      !filter.objectiveId &&
      !filter.provinceCode ? (
        <EmptyState title="Nessuna attività ancora">
          Crea un obiettivo condiviso e pubblicalo ai Comuni: qui vedrai come procedono.{' '}
          <Link to="/obiettivi/nuovo">Nuovo obiettivo</Link>
        </EmptyState>
      ) : null}

      {data && figures ? (
        <>
          <section aria-labelledby="cifre-titolo" className="mb-4">
            <h2 id="cifre-titolo" className="visually-hidden">
              Le cifre
            </h2>
            <div className="row g-3 rtd-figures">
              <Figure
                label="Completamento"
                value={percent(figures.completionRate)}
                detail={`${figures.completed} completate su ${figures.total - figures.notApplicable} applicabili`}
              />
              <Figure
                label="In ritardo"
                value={String(figures.overdue)}
                detail="oltre la scadenza e non concluse"
              />
              <Figure
                label="Da validare"
                value={String(figures.submitted)}
                detail={<Link to="/da-validare">Apri i resoconti da validare</Link>}
              />
              <Figure
                label="Comuni senza referente"
                value={members.data ? String(withoutReferent) : '…'}
                detail={<Link to="/persone">Referenti e ruoli</Link>}
              />
            </div>
            <ul
              className="list-inline mt-3 mb-0 rtd-status-counts"
              aria-label={`Attività per stato, ${figures.total} in tutto`}
            >
              {STATUS_ORDER.map((s) => (
                <li key={s} className="list-inline-item me-3">
                  <span className={`badge rtd-status rtd-status-${STATUS_COLOR[s]}`}>{STATUS_LABEL[s]}</span>{' '}
                  <strong>{figures[FIELD[s]]}</strong>
                </li>
              ))}
              <li className="list-inline-item">
                in tutto <strong>{figures.total}</strong>
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
              Chi è più indietro
            </h2>
            <div className="row g-4">
              <div className="col-12 col-lg-6">
                <LaggardTable
                  caption="Comuni con il completamento più basso"
                  head="Comune"
                  rows={(laggards.data?.consortiumDashboard.comuni?.rows ?? [])
                    .filter((r) => r.counts.total > 0)
                    .map((r) => ({ key: r.id, label: r.name, ...r.counts, href: `/comuni/${r.id}` }))}
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
                  caption="Obiettivi con il completamento più basso"
                  head="Obiettivo"
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

      {actions ? (
        <section aria-labelledby="azioni-titolo" className="mb-5 pt-3 border-top d-print-none">
          <h2 id="azioni-titolo" className="h4">
            Esportazioni e resoconto periodico
          </h2>
          <p>
            <button type="button" className="btn btn-outline-primary btn-sm" onClick={() => window.print()}>
              Stampa il cruscotto
            </button>
          </p>
          {actions}
        </section>
      ) : null}
    </>
  );
}

const FIELD = {
  NOT_STARTED: 'notStarted',
  IN_PROGRESS: 'inProgress',
  SUBMITTED: 'submitted',
  COMPLETED: 'completed',
  REJECTED: 'rejected',
  NOT_APPLICABLE: 'notApplicable',
} as const;

function Filters({
  data,
  params,
  setFilter,
}: {
  data: Dashboard;
  params: URLSearchParams;
  setFilter: (name: string, value: string) => void;
}) {
  const options = data.options!;
  return (
    <form
      className="rtd-filters row g-3 mb-4 d-print-none"
      aria-label="Filtri del cruscotto"
      onSubmit={(e) => e.preventDefault()}
    >
      <FilterSelect
        id="f-edizione"
        label="Edizione"
        value={params.get('edizione') ?? ''}
        onChange={(v) => setFilter('edizione', v)}
        all="Tutte le edizioni"
        options={options.editions.map((e) => [e, e])}
      />
      <FilterSelect
        id="f-capitolo"
        label="Capitolo"
        value={params.get('capitolo') ?? ''}
        onChange={(v) => setFilter('capitolo', v)}
        all="Tutti i capitoli"
        options={options.chapters.map((c) => [String(c), `Capitolo ${c}`])}
      />
      <FilterSelect
        id="f-provincia"
        label="Provincia"
        value={params.get('provincia') ?? ''}
        onChange={(v) => setFilter('provincia', v)}
        all="Tutte le province"
        options={options.provinces.map((p) => [p.value, p.label])}
      />
      <FilterSelect
        id="f-obiettivo"
        label="Obiettivo"
        value={params.get('obiettivo') ?? ''}
        onChange={(v) => setFilter('obiettivo', v)}
        all="Tutti gli obiettivi"
        options={options.objectives.map((o) => [o.value, o.label])}
      />
    </form>
  );
}

function Deadlines({
  page,
  days,
  onMore,
}: {
  page: NonNullable<Dashboard['deadlines']>;
  days: number;
  onMore: () => void;
}) {
  return (
    <section aria-labelledby="scadenze-titolo" className="rtd-print-page">
      <h2 id="scadenze-titolo" className="h4">
        Prossime scadenze
      </h2>
      {page.items.length === 0 ? (
        <p>Nessuna attività aperta scade nei prossimi {days} giorni.</p>
      ) : (
        <div className="table-responsive">
          <table className="table table-sm">
            <caption>
              Attività non concluse in scadenza nei prossimi {days} giorni ({page.items.length} di{' '}
              {page.totalCount})
            </caption>
            <thead>
              <tr>
                <th scope="col">Scadenza</th>
                <th scope="col">Comune</th>
                <th scope="col">Obiettivo</th>
                <th scope="col">Stato</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((i) => (
                <tr key={i.assignmentId}>
                  <td>{formatDate(i.dueDate)}</td>
                  <td>{i.comuneName}</td>
                  <td>
                    <Link to={`/assegnazioni/${i.assignmentId}`}>{i.objectiveTitle}</Link>
                  </td>
                  <td>
                    <StatusBadge status={i.status} /> {i.overdue ? <OverdueBadge /> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page.totalCount > page.items.length && page.items.length < 100 ? (
        <button type="button" className="btn btn-outline-primary btn-sm d-print-none" onClick={onMore}>
          Mostra altre scadenze
        </button>
      ) : null}
    </section>
  );
}

function Criticita({ page, onMore }: { page: NonNullable<Dashboard['criticita']>; onMore: () => void }) {
  return (
    <section aria-labelledby="criticita-titolo" className="rtd-print-page">
      <h2 id="criticita-titolo" className="h4">
        Criticità aperte
      </h2>
      {page.items.length === 0 ? (
        <p>Nessun Comune segnala criticità sulle attività aperte.</p>
      ) : (
        <ul
          className="list-unstyled rtd-issues"
          aria-label={`Criticità aperte (${page.items.length} di ${page.totalCount})`}
        >
          {page.items.map((i) => (
            <li key={i.assignmentId} className="mb-3">
              <div>
                <strong>{i.comuneName}</strong> ·{' '}
                <Link to={`/assegnazioni/${i.assignmentId}`}>{i.objectiveTitle}</Link>{' '}
                <StatusBadge status={i.status} />
              </div>
              <blockquote className="mb-0 small rtd-issue-text">{i.issues}</blockquote>
              <div className="small text-muted">aggiornata il {formatDateTime(i.updatedAt)}</div>
            </li>
          ))}
        </ul>
      )}
      {page.totalCount > page.items.length && page.items.length < 100 ? (
        <button type="button" className="btn btn-outline-primary btn-sm d-print-none" onClick={onMore}>
          Mostra altre criticità
        </button>
      ) : null}
    </section>
  );
}

function Trend({
  points: raw,
}: {
  points: {
    day: string;
    buckets: {
      completionRate: number;
      completed: number;
      submitted: number;
      overdue: number;
      total: number;
    }[];
  }[];
}) {
  const points = useMemo(
    () =>
      raw.map((p) => {
        const b = p.buckets[0];
        return {
          day: p.day,
          completionRate: b?.completionRate ?? 0,
          completed: b?.completed ?? 0,
          submitted: b?.submitted ?? 0,
          overdue: b?.overdue ?? 0,
          total: b?.total ?? 0,
        };
      }),
    [raw],
  );
  return (
    <section aria-labelledby="andamento-titolo" className="mb-5 rtd-print-page">
      <h2 id="andamento-titolo" className="h4">
        Andamento negli ultimi {TREND_DAYS} giorni
      </h2>
      {points.length === 0 ? (
        <p>
          Nessun dato di andamento ancora: il primo punto arriva con la fotografia della prossima mezzanotte.
        </p>
      ) : (
        <>
          <TrendChart points={points} />
          <details className="mt-2 d-print-none">
            <summary>I valori dei grafici in tabella</summary>
            <div className="table-responsive">
              <table className="table table-sm">
                <caption>Andamento giorno per giorno (fotografia a mezzanotte)</caption>
                <thead>
                  <tr>
                    <th scope="col">Giorno</th>
                    <th scope="col">Completamento</th>
                    <th scope="col">Completate</th>
                    <th scope="col">Da validare</th>
                    <th scope="col">In ritardo</th>
                    <th scope="col">Totale</th>
                  </tr>
                </thead>
                <tbody>
                  {points.map((p) => (
                    <tr key={p.day}>
                      <td>{formatDate(p.day)}</td>
                      <td>{percent(p.completionRate)}</td>
                      <td>{p.completed}</td>
                      <td>{p.submitted}</td>
                      <td>{p.overdue}</td>
                      <td>{p.total}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </section>
  );
}

function Figure({ label, value, detail }: { label: string; value: string; detail: ReactNode }) {
  return (
    <div className="col-12 col-sm-6 col-lg-3">
      <div className="rtd-figure" role="group" aria-label={label}>
        <div className="rtd-figure-label">{label}</div>
        <div className="rtd-figure-value">{value}</div>
        <div className="small">{detail}</div>
      </div>
    </div>
  );
}

function FilterSelect({
  id,
  label,
  value,
  onChange,
  all,
  options,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  all: string;
  options: [string, string][] | string[][];
}) {
  return (
    <div className="col-12 col-sm-6 col-lg-3">
      <label htmlFor={id}>{label}</label>
      <div className="select-wrapper">
        <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">{all}</option>
          {options.map(([v, text]) => (
            <option key={v} value={v}>
              {text}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

function LaggardTable({
  caption,
  head,
  rows,
  action,
}: {
  caption: string;
  head: string;
  /** A last column, «Sollecito», with what the office may do on the row. */
  action?: (row: { key: string; label: string }) => ReactNode;
  rows: {
    key: string;
    label: string;
    total: number;
    completed: number;
    overdue: number;
    completionRate: number;
    href: string | null;
  }[];
}) {
  if (rows.length === 0) return <p>{caption}: nessun dato con questi filtri.</p>;
  return (
    <div className="table-responsive">
      <table className="table table-sm">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{head}</th>
            <th scope="col">Completamento</th>
            <th scope="col">Completate</th>
            <th scope="col">In ritardo</th>
            {action ? <th scope="col">Sollecito</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <td>{r.href ? <Link to={r.href}>{r.label}</Link> : r.label}</td>
              <td>{percent(r.completionRate)}</td>
              <td>
                {r.completed} su {r.total}
              </td>
              <td>{r.overdue}</td>
              {action ? <td>{action(r)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
