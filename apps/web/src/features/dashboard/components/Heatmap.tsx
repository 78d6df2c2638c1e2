import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { AssignmentStatus, DashboardComuneOrder } from '../../../gql/graphql';
import { HEATMAP_LABEL as L, STATUS_COLOR, STATUS_LABEL, STATUS_ORDER } from '../../../lib/i18n';
import type { Dashboard } from '../hooks/useConsortiumDashboard';
import { chunks, percent, PRINT_COLUMNS, STATUS_SIGN } from '../model';

type Objective = NonNullable<Dashboard['objectives']>[number];
type Row = NonNullable<Dashboard['comuni']>['rows'][number];
type ColumnOrder = 'name' | 'asc' | 'desc';

interface Props {
  objectives: Objective[];
  rows: Row[];
  totalComuni: number;
  offset: number;
  pageSize: number;
  rowOrder: DashboardComuneOrder;
  onRowOrder: (order: DashboardComuneOrder) => void;
  onOffset: (offset: number) => void;
}

interface Column {
  objective: Objective;
  /** Where this objective's cell sits in each row's lists (the server's order). */
  index: number;
  /** Its number in the printed key, 1-based. */
  number: number;
}

/**
 * Comuni by objectives, each cell an assignment marked by a sign and a colour and named in words
 * for screen readers; a click opens it. The comuni come a page at a time, ordered by the server;
 * the objectives are all there. On paper the table is split into tables of PRINT_COLUMNS
 * objectives, each numbered with a key above it, so that every column prints.
 */
export function Heatmap(props: Props) {
  const { objectives, rows, totalComuni, offset, pageSize, rowOrder, onRowOrder, onOffset } = props;
  const [colOrder, setColOrder] = useState<ColumnOrder>('name');
  const columns: Column[] = useMemo(() => {
    const list = objectives.map((objective, index) => ({ objective, index, number: 0 }));
    const byName = (a: Column, b: Column) => a.objective.title.localeCompare(b.objective.title, 'it');
    const sign = colOrder === 'asc' ? 1 : -1;
    list.sort((a, b) =>
      colOrder === 'name'
        ? byName(a, b)
        : sign * (a.objective.counts.completionRate - b.objective.counts.completionRate) || byName(a, b),
    );
    return list.map((c, i) => ({ ...c, number: i + 1 }));
  }, [objectives, colOrder]);

  if (objectives.length === 0) return null;
  const last = Math.min(offset + rows.length, totalComuni);
  return (
    <section aria-labelledby="heatmap-title" className="mb-5 rtd-print-page">
      <h2 id="heatmap-title" className="h4">
        {L.title}
      </h2>
      <Legend />
      <div className="d-flex flex-wrap gap-3 mb-2 d-print-none">
        <div>
          <label htmlFor="ordine-righe" className="fw-semibold small d-block">
            {L.orderComuni}
          </label>
          <select
            id="ordine-righe"
            className="form-select form-select-sm"
            value={rowOrder}
            onChange={(e) => onRowOrder(e.target.value as DashboardComuneOrder)}
          >
            <option value="NAME">{L.byName}</option>
            <option value="COMPLETION_ASC">{L.ascending}</option>
            <option value="COMPLETION_DESC">{L.descending}</option>
          </select>
        </div>
        <div>
          <label htmlFor="ordine-colonne" className="fw-semibold small d-block">
            {L.orderObjectives}
          </label>
          <select
            id="ordine-colonne"
            className="form-select form-select-sm"
            value={colOrder}
            onChange={(e) => setColOrder(e.target.value as ColumnOrder)}
          >
            <option value="name">{L.byName}</option>
            <option value="asc">{L.ascending}</option>
            <option value="desc">{L.descending}</option>
          </select>
        </div>
      </div>

      <div className="table-responsive rtd-heatmap-wrap d-print-none">
        <HeatmapTable columns={columns} rows={rows} numbered={false} />
      </div>
      <div className="d-none d-print-block">
        {chunks(columns, PRINT_COLUMNS).map((part, i) => (
          <div key={i} className="rtd-print-chunk">
            <ol className="rtd-print-key small" start={part[0].number}>
              {part.map((c) => (
                <li key={c.objective.id}>
                  {c.objective.title} ({percent(c.objective.counts.completionRate)})
                </li>
              ))}
            </ol>
            <HeatmapTable columns={part} rows={rows} numbered />
          </div>
        ))}
      </div>

      {totalComuni > rows.length || offset > 0 ? (
        <nav aria-label={L.pages} className="d-flex flex-wrap align-items-center gap-3 mt-2 d-print-none">
          <span>{L.range(offset + 1, last, totalComuni)}</span>
          <button
            type="button"
            className="btn btn-outline-primary btn-sm"
            disabled={offset === 0}
            onClick={() => onOffset(Math.max(0, offset - pageSize))}
          >
            {L.previous}
          </button>
          <button
            type="button"
            className="btn btn-outline-primary btn-sm"
            disabled={last >= totalComuni}
            onClick={() => onOffset(offset + pageSize)}
          >
            {L.next}
          </button>
        </nav>
      ) : null}
    </section>
  );
}

function HeatmapTable({ columns, rows, numbered }: { columns: Column[]; rows: Row[]; numbered: boolean }) {
  return (
    <table className="table table-sm rtd-heatmap">
      <caption>{L.caption(numbered)}</caption>
      <thead>
        <tr>
          <th scope="col">{L.comune}</th>
          {columns.map((c) => (
            <th scope="col" key={c.objective.id} title={c.objective.title}>
              {numbered ? (
                <span>{c.number}</span>
              ) : (
                <>
                  <span className="rtd-heatmap-col">{c.objective.title}</span>
                  <span className="d-block small text-muted fw-normal">
                    {percent(c.objective.counts.completionRate)}
                  </span>
                </>
              )}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id}>
            <th scope="row">
              <Link to={`/comuni/${row.id}`}>{row.name}</Link>
              <span className="d-block small text-muted fw-normal">
                {row.counts.total ? percent(row.counts.completionRate) : L.noActivity}
              </span>
            </th>
            {columns.map((c) => (
              <Cell
                key={c.objective.id}
                comune={row.name}
                objective={c.objective.title}
                status={row.statuses[c.index] ?? null}
                overdue={row.overdue[c.index] ?? false}
                assignmentId={row.assignmentIds[c.index] ?? null}
              />
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Cell({
  comune,
  objective,
  status,
  overdue,
  assignmentId,
}: {
  comune: string;
  objective: string;
  status: AssignmentStatus | null;
  overdue: boolean;
  assignmentId: string | null;
}) {
  if (!status || !assignmentId)
    return (
      <td className="rtd-cell-empty">
        <span className="visually-hidden">{L.notAssigned}</span>
      </td>
    );
  return (
    <td className={`rtd-cell rtd-status-${STATUS_COLOR[status]}`}>
      <Link
        to={`/assegnazioni/${assignmentId}`}
        title={`${STATUS_LABEL[status]}${overdue ? L.overdueTitle : ''}`}
      >
        <span aria-hidden="true">
          {STATUS_SIGN[status]}
          {overdue ? ' ⚠' : ''}
        </span>
        <span className="visually-hidden">{`${comune}, ${objective}: ${STATUS_LABEL[status]}${overdue ? L.overdueCell : ''}`}</span>
      </Link>
    </td>
  );
}

function Legend() {
  return (
    <ul className="list-inline small mb-2" aria-label={L.legend}>
      {STATUS_ORDER.map((s) => (
        <li key={s} className="list-inline-item mb-1">
          <span className={`rtd-cell-legend rtd-status-${STATUS_COLOR[s]}`} aria-hidden="true">
            {STATUS_SIGN[s]}
          </span>{' '}
          {STATUS_LABEL[s]}
        </li>
      ))}
      <li className="list-inline-item mb-1">
        <span aria-hidden="true">⚠</span> {L.overdue}
      </li>
      <li className="list-inline-item mb-1">
        <span className="rtd-cell-legend rtd-cell-empty" aria-hidden="true">
          {'\u00a0'}
        </span>{' '}
        {L.notAssignedLegend}
      </li>
    </ul>
  );
}
