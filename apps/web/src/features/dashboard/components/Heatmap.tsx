import { useEffect, useMemo, useState, type MouseEvent } from 'react';
import { flushSync } from 'react-dom';
import { Link, useNavigate } from 'react-router';
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
 * objectives, each numbered with a key above it, so that every column prints; those tables are
 * built when printing starts, so that they never weigh on the screen.
 */
export function Heatmap(props: Props) {
  const { objectives, rows, totalComuni, offset, pageSize, rowOrder, onRowOrder, onOffset } = props;
  const [colOrder, setColOrder] = useState<ColumnOrder>('name');
  const forPrint = usePrinting();
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

      <div className="table-responsive rtd-heatmap-wrap rtd-offscreen-lazy d-print-none">
        <HeatmapTable columns={columns} rows={rows} numbered={false} />
      </div>
      <div className="d-none d-print-block">
        {forPrint &&
          chunks(columns, PRINT_COLUMNS).map((part, i) => (
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

/**
 * True once printing has started (Ctrl+P, window.print, a PDF printed by Chromium: each fires
 * `beforeprint` first, and the print tables are then built synchronously, before the page is laid
 * out for paper). Until then the page carries no print-only copy of the heatmap.
 */
function usePrinting(): boolean {
  const [printing, setPrinting] = useState(false);
  useEffect(() => {
    if (printing) return;
    const now = () => flushSync(() => setPrinting(true));
    const print = window.matchMedia('print');
    const onMedia = (e: MediaQueryListEvent) => e.matches && now();
    window.addEventListener('beforeprint', now);
    print.addEventListener('change', onMedia);
    return () => {
      window.removeEventListener('beforeprint', now);
      print.removeEventListener('change', onMedia);
    };
  }, [printing]);
  return printing;
}

/**
 * On screen the table has fixed column widths (table-layout: fixed): the browser lays out thousands
 * of cells without measuring each one first. The comune's column, then one per objective.
 */
const FIRST_COLUMN_REM = 13;
const COLUMN_REM = 7.5;

/**
 * The cells are plain links (thousands of them: a router Link each would cost more than the rest
 * of the table); one handler on the table opens them inside the app, as a Link would, and leaves
 * a modified click (new tab, new window) to the browser.
 */
function HeatmapTable({ columns, rows, numbered }: { columns: Column[]; rows: Row[]; numbered: boolean }) {
  const navigate = useNavigate();
  const onClick = (e: MouseEvent<HTMLTableElement>) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const link = (e.target as HTMLElement).closest('a[data-cell]');
    if (!link) return;
    e.preventDefault();
    void navigate(link.getAttribute('href')!);
  };
  return (
    <table
      className={`table table-sm rtd-heatmap${numbered ? '' : ' rtd-heatmap-fixed'}`}
      onClick={numbered ? undefined : onClick}
      style={numbered ? undefined : { width: `${FIRST_COLUMN_REM + columns.length * COLUMN_REM}rem` }}
    >
      <caption>{L.caption(numbered)}</caption>
      {numbered ? null : (
        <colgroup>
          <col style={{ width: `${FIRST_COLUMN_REM}rem` }} />
          {columns.map((c) => (
            <col key={c.objective.id} style={{ width: `${COLUMN_REM}rem` }} />
          ))}
        </colgroup>
      )}
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
              {numbered ? row.name : <Link to={`/comuni/${row.id}`}>{row.name}</Link>}
              <span className="d-block small text-muted fw-normal">
                {row.counts.total ? percent(row.counts.completionRate) : L.noActivity}
              </span>
            </th>
            {columns.map((c) =>
              cell(
                c.objective.id,
                row.name,
                c.objective.title,
                row.statuses[c.index] ?? null,
                row.overdue[c.index] ?? false,
                numbered ? null : (row.assignmentIds[c.index] ?? null),
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One cell (a function, not a component: 1,875 of them on a page of 25 comuni and 75 objectives). */
function cell(
  key: string,
  comune: string,
  objective: string,
  status: AssignmentStatus | null,
  overdue: boolean,
  assignmentId: string | null,
) {
  if (!status)
    return (
      <td key={key} className="rtd-cell-empty">
        <span className="visually-hidden">{L.notAssigned}</span>
      </td>
    );
  const sign = `${STATUS_SIGN[status]}${overdue ? ' ⚠' : ''}`;
  const words = `${comune}, ${objective}: ${STATUS_LABEL[status]}${overdue ? L.overdueCell : ''}`;
  // A link is named by its words (aria-label), the sign is what the eye reads; on paper, the sign.
  return (
    <td key={key} className={`rtd-cell rtd-status-${STATUS_COLOR[status]}`}>
      {assignmentId ? (
        <a
          href={`/assegnazioni/${assignmentId}`}
          data-cell=""
          aria-label={words}
          title={`${STATUS_LABEL[status]}${overdue ? L.overdueTitle : ''}`}
        >
          {sign}
        </a>
      ) : (
        <>
          <span aria-hidden="true">{sign}</span>
          <span className="visually-hidden">{words}</span>
        </>
      )}
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
