import { useMemo, type ReactNode } from 'react';
import { Link } from 'react-router';
import { OverdueBadge, StatusBadge } from '../../../components/StatusBadge';
import { formatDate, formatDateTime } from '../../../lib/dates';
import { type Dashboard } from '../hooks/useConsortiumDashboard';
import { percent } from '../model';
import { DASHBOARD_SECTION_LABEL as L } from '../../../lib/i18n';
import { TrendChart } from './TrendChart';

/** The days the trend covers. */
export const TREND_DAYS = 90;

/** The Cruscotto's sections: filters, deadlines, criticità, trend, figures, laggards. */
export const FIELD = {
  NOT_STARTED: 'notStarted',
  IN_PROGRESS: 'inProgress',
  SUBMITTED: 'submitted',
  COMPLETED: 'completed',
  REJECTED: 'rejected',
  NOT_APPLICABLE: 'notApplicable',
} as const;

export function Filters({
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
      aria-label={L.filters}
      onSubmit={(e) => e.preventDefault()}
    >
      <FilterSelect
        id="f-edizione"
        label={L.edition}
        value={params.get('edizione') ?? ''}
        onChange={(v) => setFilter('edizione', v)}
        all={L.allEditions}
        options={options.editions.map((e) => [e, e])}
      />
      <FilterSelect
        id="f-capitolo"
        label={L.chapter}
        value={params.get('capitolo') ?? ''}
        onChange={(v) => setFilter('capitolo', v)}
        all={L.allChapters}
        options={options.chapters.map((c) => [String(c), L.chapterN(c)])}
      />
      <FilterSelect
        id="f-provincia"
        label={L.province}
        value={params.get('provincia') ?? ''}
        onChange={(v) => setFilter('provincia', v)}
        all={L.allProvinces}
        options={options.provinces.map((p) => [p.value, p.label])}
      />
      <FilterSelect
        id="f-obiettivo"
        label={L.objective}
        value={params.get('obiettivo') ?? ''}
        onChange={(v) => setFilter('obiettivo', v)}
        all={L.allObjectives}
        options={options.objectives.map((o) => [o.value, o.label])}
      />
    </form>
  );
}

export function Deadlines({
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
        {L.deadlines}
      </h2>
      {page.items.length === 0 ? (
        <p>{L.noDeadlines(days)}</p>
      ) : (
        <div className="table-responsive">
          <table className="table table-sm">
            <caption>{L.deadlinesCaption(days, page.items.length, page.totalCount)}</caption>
            <thead>
              <tr>
                <th scope="col">{L.due}</th>
                <th scope="col">{L.comune}</th>
                <th scope="col">{L.objective}</th>
                <th scope="col">{L.status}</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((i) => (
                <tr key={i.assignmentId}>
                  <td className="text-nowrap">{formatDate(i.dueDate)}</td>
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
          {L.moreDeadlines}
        </button>
      ) : null}
    </section>
  );
}

export function Criticita({
  page,
  onMore,
}: {
  page: NonNullable<Dashboard['criticita']>;
  onMore: () => void;
}) {
  return (
    <section aria-labelledby="criticita-titolo" className="rtd-print-page">
      <h2 id="criticita-titolo" className="h4">
        {L.criticita}
      </h2>
      {page.items.length === 0 ? (
        <p>{L.noCriticita}</p>
      ) : (
        <ul
          className="list-unstyled rtd-issues"
          aria-label={L.criticitaList(page.items.length, page.totalCount)}
        >
          {page.items.map((i) => (
            <li key={i.assignmentId} className="mb-3">
              <div>
                <strong>{i.comuneName}</strong> ·{' '}
                <Link to={`/assegnazioni/${i.assignmentId}`}>{i.objectiveTitle}</Link>{' '}
                <StatusBadge status={i.status} />
              </div>
              <blockquote className="mb-0 small rtd-issue-text">{i.issues}</blockquote>
              <div className="small text-muted">{L.updatedOn(formatDateTime(i.updatedAt))}</div>
            </li>
          ))}
        </ul>
      )}
      {page.totalCount > page.items.length && page.items.length < 100 ? (
        <button type="button" className="btn btn-outline-primary btn-sm d-print-none" onClick={onMore}>
          {L.moreCriticita}
        </button>
      ) : null}
    </section>
  );
}

export function Trend({
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
        {L.trend(TREND_DAYS)}
      </h2>
      {points.length === 0 ? (
        <p>{L.noTrend}</p>
      ) : (
        <>
          <TrendChart points={points} />
          <details className="mt-2 d-print-none">
            <summary>{L.trendTable}</summary>
            <div className="table-responsive">
              <table className="table table-sm">
                <caption>{L.trendCaption}</caption>
                <thead>
                  <tr>
                    <th scope="col">{L.day}</th>
                    <th scope="col">{L.completion}</th>
                    <th scope="col">{L.completed}</th>
                    <th scope="col">{L.submitted}</th>
                    <th scope="col">{L.overdue}</th>
                    <th scope="col">{L.total}</th>
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

export function Figure({ label, value, detail }: { label: string; value: string; detail: ReactNode }) {
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

export function FilterSelect({
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

export function LaggardTable({
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
  if (rows.length === 0) return <p>{L.noData(caption)}</p>;
  return (
    <div className="table-responsive">
      <table className="table table-sm">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{head}</th>
            <th scope="col">{L.completion}</th>
            <th scope="col">{L.completed}</th>
            <th scope="col">{L.overdue}</th>
            {action ? <th scope="col">{L.remind}</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <td>{r.href ? <Link to={r.href}>{r.label}</Link> : r.label}</td>
              <td>{percent(r.completionRate)}</td>
              <td>{L.completedOf(r.completed, r.total)}</td>
              <td>{r.overdue}</td>
              {action ? <td>{action(r)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
