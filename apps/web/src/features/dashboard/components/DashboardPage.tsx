import { useMemo, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { EmptyState, ErrorNotice, Loading } from '../../../components/Feedback';
import { PageTitle } from '../../../components/PageTitle';
import type { Role } from '../../../gql/graphql';
import { formatDate, todayInRome } from '../../../lib/dates';
import { toAppError } from '../../../lib/errors';
import { STATUS_COLOR, STATUS_LABEL, STATUS_ORDER } from '../../../lib/i18n';
import { DashboardLaggardsQuery, DashboardMembersQuery, DashboardTrendQuery } from '../api/dashboard';
import { useConsortiumAssignments } from '../hooks/useConsortiumAssignments';
import { applyFilters, figuresOf, percent, type DashboardFilters } from '../model';
import { Heatmap } from './Heatmap';
import { PnrrConsortiumSection } from './PnrrConsortiumSection';
import { TrendChart } from './TrendChart';

const REFRESH_MS = 15_000;
const TREND_DAYS = 90;

interface Props {
  consortiumId: string;
  consortiumName: string;
  role: Role;
  canWrite: boolean;
  /** Composed by the route: the download buttons of the consortium's files. */
  actions?: ReactNode;
}

function daysBefore(isoDay: string, days: number): string {
  const d = new Date(`${isoDay}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/** "Cruscotto": the consortium at a glance, with filters kept in the URL. */
export function DashboardPage({ consortiumId, consortiumName, actions }: Props) {
  const [params, setParams] = useSearchParams();
  const filters: DashboardFilters = useMemo(
    () => ({
      edition: params.get('edizione'),
      chapter: params.get('capitolo') ? Number(params.get('capitolo')) : null,
      province: params.get('provincia'),
      objective: params.get('obiettivo'),
    }),
    [params],
  );
  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  const { items, error } = useConsortiumAssignments(consortiumId, REFRESH_MS);
  const [members] = useQuery({ query: DashboardMembersQuery, variables: { consortiumId } });
  const scope = useMemo(
    () => ({ consortiumId, ...(filters.objective ? { objectiveId: filters.objective } : {}) }),
    [consortiumId, filters.objective],
  );
  const [laggards] = useQuery({ query: DashboardLaggardsQuery, variables: { scope } });
  const today = todayInRome();
  const [trend] = useQuery({
    query: DashboardTrendQuery,
    variables: { scope, from: daysBefore(today, TREND_DAYS), to: today },
  });

  const all = useMemo(() => items ?? [], [items]);
  const shown = useMemo(() => applyFilters(all, filters), [all, filters]);
  const figures = figuresOf(shown);
  const comuni = useMemo(
    () =>
      (members.data?.consortium?.comuni.edges.map((e) => e.node) ?? []).filter(
        (c) => !filters.province || c.provinceCode === filters.province,
      ),
    [members.data, filters.province],
  );
  const withReferent = new Set(
    (members.data?.consortiumMemberships ?? [])
      .filter((m) => m.role === 'COMUNE_REFERENT')
      .map((m) => m.comune?.id),
  );
  const withoutReferent = comuni.filter((c) => !withReferent.has(c.id));

  // Filter choices from what the consortium has.
  const editions = [...new Set(all.map((a) => a.objective.edition))].sort();
  const chapters = [...new Set(all.flatMap((a) => a.objective.lines.map((l) => l.chapter)))].sort(
    (a, b) => a - b,
  );
  const provinces = [
    ...new Map(
      (members.data?.consortium?.comuni.edges ?? []).map((e) => [e.node.provinceCode, e.node.provinceName]),
    ),
  ].sort((a, b) => a[1].localeCompare(b[1]));
  const objectives = [...new Map(all.map((a) => [a.objective.id, a.objective.title]))].sort((a, b) =>
    a[1].localeCompare(b[1]),
  );

  const provinceOf = new Map(all.map((a) => [a.comune.istatCode, a.comune.provinceCode]));
  const objectiveInfo = new Map(all.map((a) => [a.objective.id, a.objective]));
  const laggardComuni = (laggards.data?.comuni ?? [])
    .filter((b) => b.total > 0 && (!filters.province || provinceOf.get(b.key) === filters.province))
    .slice(0, 5);
  const laggardObjectives = (laggards.data?.objectives ?? [])
    .filter((b) => {
      const o = objectiveInfo.get(b.key);
      return (
        b.total > 0 &&
        (!filters.edition || o?.edition === filters.edition) &&
        (filters.chapter === null || !!o?.lines.some((l) => l.chapter === filters.chapter))
      );
    })
    .slice(0, 5);
  const comuneIdByIstat = new Map(all.map((a) => [a.comune.istatCode, a.comune.id]));

  const points = (trend.data?.complianceTrend ?? []).map((p) => {
    const b = p.buckets[0];
    return {
      day: p.day,
      completionRate: b?.completionRate ?? 0,
      completed: b?.completed ?? 0,
      submitted: b?.submitted ?? 0,
      overdue: b?.overdue ?? 0,
      total: b?.total ?? 0,
    };
  });

  const appError = error ?? toAppError(members.error);
  return (
    <>
      <PageTitle title="Cruscotto">Cruscotto</PageTitle>
      <p className="lead">{consortiumName}</p>
      {actions}

      <form
        className="rtd-filters row g-3 mb-4"
        aria-label="Filtri del cruscotto"
        onSubmit={(e) => e.preventDefault()}
      >
        <FilterSelect
          id="f-edizione"
          label="Edizione"
          value={params.get('edizione') ?? ''}
          onChange={(v) => setFilter('edizione', v)}
          all="Tutte le edizioni"
          options={editions.map((e) => [e, e])}
        />
        <FilterSelect
          id="f-capitolo"
          label="Capitolo"
          value={params.get('capitolo') ?? ''}
          onChange={(v) => setFilter('capitolo', v)}
          all="Tutti i capitoli"
          options={chapters.map((c) => [String(c), `Capitolo ${c}`])}
        />
        <FilterSelect
          id="f-provincia"
          label="Provincia"
          value={params.get('provincia') ?? ''}
          onChange={(v) => setFilter('provincia', v)}
          all="Tutte le province"
          options={provinces}
        />
        <FilterSelect
          id="f-obiettivo"
          label="Obiettivo"
          value={params.get('obiettivo') ?? ''}
          onChange={(v) => setFilter('obiettivo', v)}
          all="Tutti gli obiettivi"
          options={objectives}
        />
      </form>

      {appError ? <ErrorNotice error={appError} /> : null}
      {!items && !appError ? <Loading what="del cruscotto" /> : null}
      {items && all.length === 0 ? (
        <EmptyState title="Nessuna attività ancora">
          Crea un obiettivo condiviso e pubblicalo ai Comuni: qui vedrai come procedono.{' '}
          <Link to="/obiettivi/nuovo">Nuovo obiettivo</Link>
        </EmptyState>
      ) : null}

      {items && all.length > 0 ? (
        <>
          <section aria-labelledby="cifre-titolo" className="mb-5">
            <h2 id="cifre-titolo" className="visually-hidden">
              Le cifre
            </h2>
            <div className="row g-3 rtd-figures">
              <Figure
                label="Completamento"
                value={percent(figures.completionRate)}
                detail={`${figures.byStatus.COMPLETED} completate su ${figures.total - figures.byStatus.NOT_APPLICABLE} applicabili`}
              />
              <Figure
                label="In ritardo"
                value={String(figures.overdue)}
                detail="oltre la scadenza e non concluse"
              />
              <Figure
                label="Da validare"
                value={String(figures.byStatus.SUBMITTED)}
                detail={<Link to="/da-validare">Apri i resoconti da validare</Link>}
              />
              <Figure
                label="Comuni senza referente"
                value={members.data ? String(withoutReferent.length) : '…'}
                detail={<Link to="/persone">Referenti e ruoli</Link>}
              />
            </div>
            <table className="table table-sm mt-3 rtd-status-table">
              <caption>Attività per stato ({figures.total} in tutto)</caption>
              <thead>
                <tr>
                  <th scope="col">Stato</th>
                  <th scope="col">Attività</th>
                </tr>
              </thead>
              <tbody>
                {STATUS_ORDER.map((s) => (
                  <tr key={s}>
                    <th scope="row">
                      <span className={`badge rtd-status rtd-status-${STATUS_COLOR[s]}`}>
                        {STATUS_LABEL[s]}
                      </span>
                    </th>
                    <td>{figures.byStatus[s]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>

          <Heatmap items={shown} comuni={comuni} />

          <section aria-labelledby="ritardatari-titolo" className="mb-5">
            <h2 id="ritardatari-titolo" className="h4">
              Chi è più indietro
            </h2>
            <div className="row g-4">
              <div className="col-12 col-lg-6">
                <LaggardTable
                  caption="Comuni con il completamento più basso"
                  head="Comune"
                  rows={laggardComuni.map((b) => ({
                    ...b,
                    href: comuneIdByIstat.has(b.key) ? `/comuni/${comuneIdByIstat.get(b.key)}` : null,
                  }))}
                />
              </div>
              <div className="col-12 col-lg-6">
                <LaggardTable
                  caption="Obiettivi con il completamento più basso"
                  head="Obiettivo"
                  rows={laggardObjectives.map((b) => ({ ...b, href: `/cruscotto?obiettivo=${b.key}` }))}
                />
              </div>
            </div>
          </section>

          <section aria-labelledby="andamento-titolo" className="mb-5">
            <h2 id="andamento-titolo" className="h4">
              Andamento negli ultimi {TREND_DAYS} giorni
            </h2>
            {points.length === 0 ? (
              <p>
                Nessun dato di andamento ancora: il primo punto arriva con la fotografia della prossima
                mezzanotte.
              </p>
            ) : (
              <>
                <TrendChart points={points} />
                <details className="mt-2">
                  <summary>I valori del grafico in tabella</summary>
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
        </>
      ) : null}
      <PnrrConsortiumSection consortiumId={consortiumId} />
    </>
  );
}

function Figure({ label, value, detail }: { label: string; value: string; detail: React.ReactNode }) {
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
}: {
  caption: string;
  head: string;
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
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
