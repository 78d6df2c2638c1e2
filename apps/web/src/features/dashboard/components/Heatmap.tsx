import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { AssignmentStatus, DashboardComuneOrder } from '../../../gql/graphql';
import { STATUS_COLOR, STATUS_LABEL, STATUS_ORDER } from '../../../lib/i18n';
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
        Comuni e obiettivi
      </h2>
      <Legend />
      <div className="d-flex flex-wrap gap-3 mb-2 d-print-none">
        <div>
          <label htmlFor="ordine-righe" className="fw-semibold small d-block">
            Ordina i Comuni
          </label>
          <select
            id="ordine-righe"
            className="form-select form-select-sm"
            value={rowOrder}
            onChange={(e) => onRowOrder(e.target.value as DashboardComuneOrder)}
          >
            <option value="NAME">per nome</option>
            <option value="COMPLETION_ASC">completamento crescente</option>
            <option value="COMPLETION_DESC">completamento decrescente</option>
          </select>
        </div>
        <div>
          <label htmlFor="ordine-colonne" className="fw-semibold small d-block">
            Ordina gli obiettivi
          </label>
          <select
            id="ordine-colonne"
            className="form-select form-select-sm"
            value={colOrder}
            onChange={(e) => setColOrder(e.target.value as ColumnOrder)}
          >
            <option value="name">per nome</option>
            <option value="asc">completamento crescente</option>
            <option value="desc">completamento decrescente</option>
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
        <nav
          aria-label="Pagine dei Comuni"
          className="d-flex flex-wrap align-items-center gap-3 mt-2 d-print-none"
        >
          <span>
            Comuni {offset + 1}–{last} di {totalComuni}
          </span>
          <button
            type="button"
            className="btn btn-outline-primary btn-sm"
            disabled={offset === 0}
            onClick={() => onOffset(Math.max(0, offset - pageSize))}
          >
            Comuni precedenti
          </button>
          <button
            type="button"
            className="btn btn-outline-primary btn-sm"
            disabled={last >= totalComuni}
            onClick={() => onOffset(offset + pageSize)}
          >
            Comuni successivi
          </button>
        </nav>
      ) : null}
    </section>
  );
}

function HeatmapTable({ columns, rows, numbered }: { columns: Column[]; rows: Row[]; numbered: boolean }) {
  return (
    <table className="table table-sm rtd-heatmap">
      <caption>
        Stato di ogni attività per Comune (righe) e obiettivo (colonne
        {numbered ? `, numerate come nell’elenco sopra` : ''}); ⚠ indica un’attività in ritardo.
      </caption>
      <thead>
        <tr>
          <th scope="col">Comune</th>
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
                {row.counts.total ? percent(row.counts.completionRate) : 'nessuna attività'}
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
        <span className="visually-hidden">non assegnato</span>
      </td>
    );
  return (
    <td className={`rtd-cell rtd-status-${STATUS_COLOR[status]}`}>
      <Link
        to={`/assegnazioni/${assignmentId}`}
        title={`${STATUS_LABEL[status]}${overdue ? ' · in ritardo' : ''}`}
      >
        <span aria-hidden="true">
          {STATUS_SIGN[status]}
          {overdue ? ' ⚠' : ''}
        </span>
        <span className="visually-hidden">{`${comune}, ${objective}: ${STATUS_LABEL[status]}${overdue ? ', in ritardo' : ''}`}</span>
      </Link>
    </td>
  );
}

function Legend() {
  return (
    <ul className="list-inline small mb-2" aria-label="Legenda">
      {STATUS_ORDER.map((s) => (
        <li key={s} className="list-inline-item mb-1">
          <span className={`rtd-cell-legend rtd-status-${STATUS_COLOR[s]}`} aria-hidden="true">
            {STATUS_SIGN[s]}
          </span>{' '}
          {STATUS_LABEL[s]}
        </li>
      ))}
      <li className="list-inline-item mb-1">
        <span aria-hidden="true">⚠</span> in ritardo
      </li>
      <li className="list-inline-item mb-1">
        <span className="rtd-cell-legend rtd-cell-empty" aria-hidden="true">
          &nbsp;
        </span>{' '}
        non assegnata al Comune
      </li>
    </ul>
  );
}
