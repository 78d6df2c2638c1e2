import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { AssignmentStatus } from '../../../gql/graphql';
import { STATUS_COLOR, STATUS_LABEL, STATUS_ORDER } from '../../../lib/i18n';
import type { DashboardAssignment } from '../hooks/useConsortiumAssignments';
import { completion, percent } from '../model';

/** A short text per status, so that the cell says it in words as well as in colour. */
const SHORT: Record<AssignmentStatus, string> = {
  NOT_STARTED: 'NA',
  IN_PROGRESS: 'IC',
  SUBMITTED: 'IV',
  COMPLETED: 'OK',
  REJECTED: 'RS',
  NOT_APPLICABLE: '—',
};

type Order = 'name' | 'asc' | 'desc';

interface Props {
  items: DashboardAssignment[];
  comuni: { id: string; name: string }[];
}

/** Comuni by objectives, each cell an assignment coloured and labelled by status; a click opens it. */
export function Heatmap({ items, comuni }: Props) {
  const [rowOrder, setRowOrder] = useState<Order>('name');
  const [colOrder, setColOrder] = useState<Order>('name');
  const objectives = useMemo(() => {
    const byId = new Map<
      string,
      { id: string; title: string; codes: string; items: DashboardAssignment[] }
    >();
    for (const a of items) {
      const entry = byId.get(a.objective.id) ?? {
        id: a.objective.id,
        title: a.objective.title,
        codes: a.objective.lines.map((l) => l.code).join(', '),
        items: [],
      };
      entry.items.push(a);
      byId.set(a.objective.id, entry);
    }
    return sortBy(
      [...byId.values()],
      colOrder,
      (o) => o.title,
      (o) => completion(o.items),
    );
  }, [items, colOrder]);
  const cells = useMemo(() => new Map(items.map((a) => [`${a.comune.id}|${a.objective.id}`, a])), [items]);
  const rows = useMemo(() => {
    const withItems = comuni.map((c) => ({ ...c, items: items.filter((a) => a.comune.id === c.id) }));
    return sortBy(
      withItems,
      rowOrder,
      (c) => c.name,
      (c) => completion(c.items),
    );
  }, [comuni, items, rowOrder]);

  if (objectives.length === 0) return null;
  return (
    <section aria-labelledby="heatmap-title" className="mb-5">
      <h2 id="heatmap-title" className="h4">
        Comuni e obiettivi
      </h2>
      <Legend />
      <div className="d-flex flex-wrap gap-3 mb-2">
        <OrderSelect id="ordine-righe" label="Ordina i Comuni" value={rowOrder} onChange={setRowOrder} />
        <OrderSelect
          id="ordine-colonne"
          label="Ordina gli obiettivi"
          value={colOrder}
          onChange={setColOrder}
        />
      </div>
      <div className="table-responsive rtd-heatmap-wrap">
        <table className="table table-sm rtd-heatmap">
          <caption>
            Stato di ogni attività per Comune (righe) e obiettivo (colonne); ⚠ indica un’attività in ritardo.
          </caption>
          <thead>
            <tr>
              <th scope="col">Comune</th>
              {objectives.map((o) => (
                <th scope="col" key={o.id} title={o.title}>
                  <span className="rtd-heatmap-col">{o.title}</span>
                  <span className="d-block small text-muted fw-normal">{percent(completion(o.items))}</span>
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
                    {row.items.length ? percent(completion(row.items)) : 'nessuna attività'}
                  </span>
                </th>
                {objectives.map((o) => {
                  const a = cells.get(`${row.id}|${o.id}`);
                  if (!a)
                    return (
                      <td key={o.id} className="rtd-cell-empty">
                        <span className="visually-hidden">non assegnato</span>
                      </td>
                    );
                  return (
                    <td key={o.id} className={`rtd-cell rtd-status-${STATUS_COLOR[a.status]}`}>
                      <Link
                        to={`/assegnazioni/${a.id}`}
                        title={`${STATUS_LABEL[a.status]}${a.overdue ? ' · in ritardo' : ''}`}
                      >
                        {SHORT[a.status]}
                        {a.overdue ? ' ⚠' : ''}
                        <span className="visually-hidden">
                          {` – ${row.name}, ${o.title}: ${STATUS_LABEL[a.status]}${a.overdue ? ', in ritardo' : ''}`}
                        </span>
                      </Link>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function sortBy<T>(list: T[], order: Order, name: (t: T) => string, rate: (t: T) => number): T[] {
  const byName = (a: T, b: T) => name(a).localeCompare(name(b), 'it');
  if (order === 'name') return [...list].sort(byName);
  const sign = order === 'asc' ? 1 : -1;
  return [...list].sort((a, b) => sign * (rate(a) - rate(b)) || byName(a, b));
}

function OrderSelect({
  id,
  label,
  value,
  onChange,
}: {
  id: string;
  label: string;
  value: Order;
  onChange: (o: Order) => void;
}) {
  return (
    <div>
      <label htmlFor={id} className="fw-semibold small d-block">
        {label}
      </label>
      <select
        id={id}
        className="form-select form-select-sm"
        value={value}
        onChange={(e) => onChange(e.target.value as Order)}
      >
        <option value="name">per nome</option>
        <option value="asc">completamento crescente</option>
        <option value="desc">completamento decrescente</option>
      </select>
    </div>
  );
}

function Legend() {
  return (
    <ul className="list-inline small mb-2" aria-label="Legenda">
      {STATUS_ORDER.map((s) => (
        <li key={s} className="list-inline-item mb-1">
          <span className={`rtd-cell-legend rtd-status-${STATUS_COLOR[s]}`}>{SHORT[s]}</span>{' '}
          {STATUS_LABEL[s]}
        </li>
      ))}
      <li className="list-inline-item mb-1">⚠ in ritardo</li>
    </ul>
  );
}
