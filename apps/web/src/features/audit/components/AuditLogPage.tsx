import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { EmptyState, ErrorNotice, Loading } from '../../../components/Feedback';
import { PageTitle } from '../../../components/PageTitle';
import type { AuditLogQuery as Result, Role } from '../../../gql/graphql';
import { formatDateTime } from '../../../lib/dates';
import { toAppError } from '../../../lib/errors';
import {
  AUDIT_ACTION_LABEL,
  AUDIT_ENTITY_LABEL,
  AUDIT_LOG_LABEL as L,
  auditActionLabel,
} from '../../../lib/i18n';
import { AuditComuniQuery, AuditLogQuery } from '../api/audit';
import { describeDetails } from '../utils/describeDetails';

type Entry = Result['auditLog']['edges'][number]['node'];

const PAGE_SIZE = 50;
/** The filters as the address keeps them (Italian names, readable in a shared link). */
const PARAMS = { from: 'dal', to: 'al', actor: 'persona', action: 'azione', comuneId: 'comune' } as const;
type FilterName = keyof typeof PARAMS;
type Filters = Record<FilterName, string>;
const EMPTY: Filters = { from: '', to: '', actor: '', action: '', comuneId: '' };
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

const actions = Object.entries(AUDIT_ACTION_LABEL).sort((a, b) => a[1].localeCompare(b[1], 'it'));
const count = new Intl.NumberFormat('it-IT');

function readFilters(params: URLSearchParams): Filters {
  const value = (name: FilterName) => params.get(PARAMS[name])?.trim() ?? '';
  const day = (name: FilterName) => (ISO_DAY.test(value(name)) ? value(name) : '');
  return {
    from: day('from'),
    to: day('to'),
    actor: value('actor'),
    action: value('action'),
    comuneId: value('comuneId'),
  };
}

export interface AuditLogPageProps {
  consortiumId: string;
  consortiumName: string;
  role: Role;
  canWrite: boolean;
}

/** "Registro delle attività": who did what and when in the consortium, newest first, filtered and paged. */
export function AuditLogPage({ consortiumId, consortiumName }: AuditLogPageProps) {
  const ids = useId();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const filterKey = JSON.stringify(filters);
  const [draft, setDraft] = useState<Filters>(filters);
  const [draftError, setDraftError] = useState<string | null>(null);
  useEffect(() => setDraft(filters), [filters]);

  // Pages go forward by cursor: the stack of cursors walked so far lets "Pagina precedente" go back.
  const [pages, setPages] = useState<{ key: string; cursors: (string | null)[] }>({
    key: filterKey,
    cursors: [null],
  });
  const cursors = pages.key === filterKey ? pages.cursors : [null];
  const after = cursors[cursors.length - 1];
  const pageNumber = cursors.length;

  const variables = {
    consortiumId,
    first: PAGE_SIZE,
    after,
    from: filters.from || null,
    to: filters.to || null,
    actor: filters.actor || null,
    action: filters.action || null,
    comuneId: filters.comuneId || null,
  };
  const [{ data: answered, fetching, error, operation }] = useQuery({
    query: AuditLogQuery,
    variables,
    requestPolicy: 'cache-and-network',
  });
  // While another page or filter loads, the previous answer is not shown under the new page's
  // caption ("voci da 101 a 150 di 127"): the page waits for its own rows.
  const data = operation && !sameVariables(operation.variables, variables) ? undefined : answered;
  const [comuniResult] = useQuery({ query: AuditComuniQuery, variables: { consortiumId } });
  const comuni = useMemo(
    () =>
      [...(comuniResult.data?.consortium?.comuni.edges.map((e) => e.node) ?? [])].sort((a, b) =>
        a.name.localeCompare(b.name, 'it'),
      ),
    [comuniResult.data],
  );

  const tableRef = useRef<HTMLTableCaptionElement>(null);
  const goTo = (next: (string | null)[]) => {
    setPages({ key: filterKey, cursors: next });
    window.setTimeout(() => tableRef.current?.focus(), 0);
  };

  const apply = (event: FormEvent) => {
    event.preventDefault();
    if (draft.from && draft.to && draft.from > draft.to) {
      setDraftError(L.dateOrder);
      return;
    }
    setDraftError(null);
    const next = new URLSearchParams();
    for (const name of Object.keys(PARAMS) as FilterName[]) {
      const value = draft[name].trim();
      if (value) next.set(PARAMS[name], value);
    }
    setParams(next);
  };
  const reset = () => {
    setDraftError(null);
    setDraft(EMPTY);
    setParams(new URLSearchParams());
  };

  const entries: Entry[] = data?.auditLog.edges.map((e) => e.node) ?? [];
  const total = data?.auditLog.totalCount ?? 0;
  const firstShown = (pageNumber - 1) * PAGE_SIZE + 1;
  const filtered = Object.values(filters).some(Boolean);
  const appError = toAppError(error);
  const field = (name: FilterName) => ({
    id: `${ids}-${name}`,
    value: draft[name],
    onChange: (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [name]: e.target.value })),
  });

  return (
    <>
      <PageTitle title={L.title}>{L.title}</PageTitle>
      <p className="lead">{L.lead(consortiumName)}</p>

      <form
        className="rtd-filters row g-3 mb-4 align-items-end"
        aria-label={L.filters}
        onSubmit={apply}
        noValidate
      >
        <div className="col-6 col-md-3 col-lg-2">
          <label htmlFor={`${ids}-from`}>{L.from}</label>
          <input
            type="date"
            className="form-control"
            {...field('from')}
            aria-invalid={draftError ? true : undefined}
            aria-describedby={draftError ? `${ids}-date-error` : undefined}
          />
        </div>
        <div className="col-6 col-md-3 col-lg-2">
          <label htmlFor={`${ids}-to`}>{L.to}</label>
          <input
            type="date"
            className="form-control"
            {...field('to')}
            aria-invalid={draftError ? true : undefined}
            aria-describedby={draftError ? `${ids}-date-error` : undefined}
          />
        </div>
        <div className="col-12 col-md-6 col-lg-3">
          <label htmlFor={`${ids}-actor`}>{L.actor}</label>
          <input
            type="text"
            className="form-control"
            autoComplete="off"
            aria-describedby={`${ids}-actor-help`}
            {...field('actor')}
          />
          <small id={`${ids}-actor-help`} className="form-text">
            {L.actorHelp}
          </small>
        </div>
        <div className="col-12 col-md-6 col-lg-2">
          <label htmlFor={`${ids}-action`}>{L.action}</label>
          <div className="select-wrapper">
            <select {...field('action')}>
              <option value="">{L.allActions}</option>
              {actions.map(([code, label]) => (
                <option key={code} value={code}>
                  {label}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="col-12 col-md-6 col-lg-3">
          <label htmlFor={`${ids}-comuneId`}>{L.comune}</label>
          <div className="select-wrapper">
            <select {...field('comuneId')}>
              <option value="">{L.allComuni}</option>
              {comuni.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="col-12 d-flex flex-wrap gap-2">
          <button type="submit" className="btn btn-primary">
            {L.apply}
          </button>
          {filtered ? (
            <button type="button" className="btn btn-outline-primary" onClick={reset}>
              {L.reset}
            </button>
          ) : null}
        </div>
        {draftError ? (
          <div id={`${ids}-date-error`} className="col-12 text-danger" role="alert">
            {draftError}
          </div>
        ) : null}
      </form>

      {appError ? <ErrorNotice error={appError} /> : null}
      {data ? (
        <p className="fw-semibold" aria-live="polite">
          {L.total(total, count.format(total))}
          {filtered ? L.withFilters : ''}
        </p>
      ) : null}
      {fetching && !data ? <Loading what={L.loading} /> : null}
      {data && total === 0 ? (
        <EmptyState title={filtered ? L.emptyFiltered : L.empty}>
          {filtered ? L.emptyFilteredText : L.emptyText}
        </EmptyState>
      ) : null}
      {entries.length > 0 ? (
        <div className="table-responsive">
          <table className="table">
            <caption ref={tableRef} tabIndex={-1}>
              {L.caption(
                pageNumber,
                count.format(firstShown),
                count.format(firstShown + entries.length - 1),
                count.format(total),
              )}
            </caption>
            <thead>
              <tr>
                <th scope="col">{L.when}</th>
                <th scope="col">{L.who}</th>
                <th scope="col">{L.action}</th>
                <th scope="col">{L.subject}</th>
                <th scope="col">{L.comune}</th>
                <th scope="col">{L.details}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td className="text-nowrap">{formatDateTime(entry.at)}</td>
                  <td>{entry.actorName ?? entry.actor}</td>
                  <th scope="row" className="fw-semibold">
                    {auditActionLabel(entry.action)}
                  </th>
                  <td>
                    <EntityCell entry={entry} />
                  </td>
                  <td>{entry.comune?.name ?? L.none}</td>
                  <td>{describeDetails(entry.action, entry.detailsJson, entry.subjectName) || L.none}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {data && (pageNumber > 1 || data.auditLog.pageInfo.hasNextPage) ? (
        <nav aria-label={L.pages} className="d-flex flex-wrap gap-2 align-items-center mb-4">
          <button
            type="button"
            className="btn btn-outline-primary"
            disabled={pageNumber === 1 || fetching}
            onClick={() => goTo(cursors.slice(0, -1))}
          >
            {L.previous}
          </button>
          <button
            type="button"
            className="btn btn-outline-primary"
            disabled={!data.auditLog.pageInfo.hasNextPage || fetching}
            onClick={() => goTo([...cursors, data.auditLog.pageInfo.endCursor])}
          >
            {L.next}
          </button>
          <span>{L.pageOf(pageNumber, Math.max(1, Math.ceil(total / PAGE_SIZE)))}</span>
        </nav>
      ) : null}
    </>
  );
}

/** The thing the entry is about, with a link when it has a page. */
/** The objective's title where the entry recorded it: «Obiettivo condiviso «Accessibilità»». */
function titleOf(json: string | null | undefined): string | null {
  try {
    const title = json ? (JSON.parse(json) as { title?: unknown }).title : null;
    return typeof title === 'string' && title.trim() ? title.trim() : null;
  } catch {
    return null;
  }
}

function EntityCell({ entry }: { entry: Entry }) {
  const kind = AUDIT_ENTITY_LABEL[entry.entityType] ?? L.otherEntity;
  const title = entry.entityType === 'SharedObjective' ? titleOf(entry.detailsJson) : null;
  const label = title ? L.entityWithTitle(kind, title) : kind;
  if (entry.entityType === 'Assignment') return <Link to={`/assegnazioni/${entry.entityId}`}>{label}</Link>;
  if (entry.entityType === 'SharedObjective' && entry.action !== 'objective.delete')
    return <Link to={`/obiettivi/${entry.entityId}`}>{label}</Link>;
  return <>{label}</>;
}

function sameVariables(a: unknown, b: Record<string, unknown>): boolean {
  const asked = (a ?? {}) as Record<string, unknown>;
  return Object.keys(b).every((k) => (asked[k] ?? null) === (b[k] ?? null));
}
