import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { EmptyState, ErrorNotice, Loading } from '../../../components/Feedback';
import { PageTitle } from '../../../components/PageTitle';
import type { AuditLogQuery as Result, Role } from '../../../gql/graphql';
import { formatDateTime } from '../../../lib/dates';
import { toAppError } from '../../../lib/errors';
import { AUDIT_ACTION_LABEL, AUDIT_ENTITY_LABEL, auditActionLabel } from '../../../lib/i18n';
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

  const [{ data, fetching, error }] = useQuery({
    query: AuditLogQuery,
    variables: {
      consortiumId,
      first: PAGE_SIZE,
      after,
      from: filters.from || null,
      to: filters.to || null,
      actor: filters.actor || null,
      action: filters.action || null,
      comuneId: filters.comuneId || null,
    },
    requestPolicy: 'cache-and-network',
  });
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
      setDraftError('La data «Dal» deve precedere la data «Al» o coincidere con essa.');
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
      <PageTitle title="Registro delle attività">Registro delle attività</PageTitle>
      <p className="lead">Chi ha fatto che cosa, e quando, in {consortiumName}: dalla voce più recente.</p>

      <form
        className="rtd-filters row g-3 mb-4 align-items-end"
        aria-label="Filtri del registro"
        onSubmit={apply}
        noValidate
      >
        <div className="col-6 col-md-3 col-lg-2">
          <label htmlFor={`${ids}-from`}>Dal</label>
          <input
            type="date"
            className="form-control"
            {...field('from')}
            aria-invalid={draftError ? true : undefined}
            aria-describedby={draftError ? `${ids}-date-error` : undefined}
          />
        </div>
        <div className="col-6 col-md-3 col-lg-2">
          <label htmlFor={`${ids}-to`}>Al</label>
          <input
            type="date"
            className="form-control"
            {...field('to')}
            aria-invalid={draftError ? true : undefined}
            aria-describedby={draftError ? `${ids}-date-error` : undefined}
          />
        </div>
        <div className="col-12 col-md-6 col-lg-3">
          <label htmlFor={`${ids}-actor`}>Persona</label>
          <input
            type="text"
            className="form-control"
            autoComplete="off"
            aria-describedby={`${ids}-actor-help`}
            {...field('actor')}
          />
          <small id={`${ids}-actor-help`} className="form-text">
            Nome o parte del nome; accenti e maiuscole non contano.
          </small>
        </div>
        <div className="col-12 col-md-6 col-lg-2">
          <label htmlFor={`${ids}-action`}>Azione</label>
          <div className="select-wrapper">
            <select {...field('action')}>
              <option value="">Tutte le azioni</option>
              {actions.map(([code, label]) => (
                <option key={code} value={code}>
                  {label}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="col-12 col-md-6 col-lg-3">
          <label htmlFor={`${ids}-comuneId`}>Comune</label>
          <div className="select-wrapper">
            <select {...field('comuneId')}>
              <option value="">Tutti i Comuni</option>
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
            Applica i filtri
          </button>
          {filtered ? (
            <button type="button" className="btn btn-outline-primary" onClick={reset}>
              Azzera i filtri
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
          {total === 1 ? '1 voce in tutto' : `${count.format(total)} voci in tutto`}
          {filtered ? ' con questi filtri' : ''}
        </p>
      ) : null}
      {fetching && !data ? <Loading what="del registro" /> : null}
      {data && total === 0 ? (
        <EmptyState title={filtered ? 'Nessuna voce con questi filtri' : 'Il registro è vuoto'}>
          {filtered
            ? 'Allarga l’intervallo di date o togli un filtro con «Azzera i filtri».'
            : 'Ogni ruolo assegnato, obiettivo pubblicato o resoconto validato comparirà qui.'}
        </EmptyState>
      ) : null}
      {entries.length > 0 ? (
        <div className="table-responsive">
          <table className="table">
            <caption ref={tableRef} tabIndex={-1}>
              Pagina {pageNumber}: voci da {count.format(firstShown)} a{' '}
              {count.format(firstShown + entries.length - 1)} di {count.format(total)}, dalla più recente
            </caption>
            <thead>
              <tr>
                <th scope="col">Quando</th>
                <th scope="col">Chi</th>
                <th scope="col">Azione</th>
                <th scope="col">Oggetto</th>
                <th scope="col">Comune</th>
                <th scope="col">Dettagli</th>
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
                  <td>{entry.comune?.name ?? '—'}</td>
                  <td>{describeDetails(entry.action, entry.detailsJson, entry.subjectName) || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {data && (pageNumber > 1 || data.auditLog.pageInfo.hasNextPage) ? (
        <nav aria-label="Pagine del registro" className="d-flex flex-wrap gap-2 align-items-center mb-4">
          <button
            type="button"
            className="btn btn-outline-primary"
            disabled={pageNumber === 1 || fetching}
            onClick={() => goTo(cursors.slice(0, -1))}
          >
            Pagina precedente
          </button>
          <button
            type="button"
            className="btn btn-outline-primary"
            disabled={!data.auditLog.pageInfo.hasNextPage || fetching}
            onClick={() => goTo([...cursors, data.auditLog.pageInfo.endCursor])}
          >
            Pagina successiva
          </button>
          <span>
            Pagina {pageNumber} di {Math.max(1, Math.ceil(total / PAGE_SIZE))}
          </span>
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
  const kind = AUDIT_ENTITY_LABEL[entry.entityType] ?? 'Altro';
  const title = entry.entityType === 'SharedObjective' ? titleOf(entry.detailsJson) : null;
  const label = title ? `${kind} «${title}»` : kind;
  if (entry.entityType === 'Assignment') return <Link to={`/assegnazioni/${entry.entityId}`}>{label}</Link>;
  if (entry.entityType === 'SharedObjective' && entry.action !== 'objective.delete')
    return <Link to={`/obiettivi/${entry.entityId}`}>{label}</Link>;
  return <>{label}</>;
}
