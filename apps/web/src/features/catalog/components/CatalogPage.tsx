import { useEffect, useId, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { EmptyState, ErrorNotice, Loading } from '../../../components/Feedback';
import { PageTitle } from '../../../components/PageTitle';
import { toAppError } from '../../../lib/errors';
import { CATALOG_LABEL as L } from '../../../lib/i18n';
import { PlanLineFacts } from '../../../components/PlanLineFacts';
import { CatalogEditionsQuery, CatalogIndexQuery } from '../api/catalog';
import { usePlanLines } from '../hooks/usePlanLines';
import { EditionInfo } from './EditionInfo';
import { LineSuccession } from './LineSuccession';

const PAGE_SIZE = 50;
/** With an objective chosen the screen filters the edition's lines itself: all of them in one page. */
const WHOLE_EDITION = 500;
const SEARCH_DELAY_MS = 300;

/** "Piano Triennale": the catalogue by edition, chapter and objective, with a search that ignores accents. */
export function CatalogPage() {
  const ids = useId();
  const [params, setParams] = useSearchParams();
  const [{ data: editionsData, error: editionsError }] = useQuery({ query: CatalogEditionsQuery });
  const editions = useMemo(() => editionsData?.planEditions ?? [], [editionsData]);
  // The edition in force with lines (the newest of them), unless the address names one.
  const defaultEdition =
    [...editions].reverse().find((e) => e.lineCount > 0 && e.status === 'CURRENT')?.code ??
    [...editions].reverse().find((e) => e.lineCount > 0)?.code ??
    editions.at(-1)?.code ??
    null;
  const edition = params.get('edizione') ?? defaultEdition;
  const chapterParam = Number(params.get('capitolo'));
  const chapter = Number.isInteger(chapterParam) && chapterParam > 0 ? chapterParam : null;
  const objective = params.get('obiettivo') ?? '';
  const search = params.get('cerca') ?? '';

  const [typed, setTyped] = useState(search);
  useEffect(() => setTyped(search), [search]);

  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(changes)) {
      if (value) next.set(name, value);
      else next.delete(name);
    }
    setParams(next, { replace: true });
  };

  // Search as you type: the address follows once the typing pauses.
  useEffect(() => {
    if (typed === search) return;
    const timer = window.setTimeout(() => {
      const next = new URLSearchParams(params);
      if (typed.trim()) next.set('cerca', typed);
      else next.delete('cerca');
      setParams(next, { replace: true });
    }, SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [typed, search, params, setParams]);

  const [{ data: indexData }] = useQuery({
    query: CatalogIndexQuery,
    variables: { edition: edition ?? '' },
    pause: !edition,
  });
  const chapters = useMemo(() => {
    const seen = new Map<number, string>();
    for (const { node } of indexData?.planLines.edges ?? []) seen.set(node.chapter, node.chapterTitle);
    return [...seen.entries()].sort((a, b) => a[0] - b[0]);
  }, [indexData]);
  const objectives = useMemo(() => {
    const codes = new Set<string>();
    for (const { node } of indexData?.planLines.edges ?? [])
      if (chapter === null || node.chapter === chapter) node.objectiveCodes.forEach((c) => codes.add(c));
    return [...codes].sort((a, b) => a.localeCompare(b, 'it', { numeric: true }));
  }, [indexData, chapter]);

  const lines = usePlanLines({
    edition,
    chapter,
    search,
    pageSize: objective ? WHOLE_EDITION : PAGE_SIZE,
  });
  const shown = objective ? lines.items.filter((l) => l.objectiveCodes.includes(objective)) : lines.items;
  const count = objective ? shown.length : lines.total;
  const filtered = Boolean(chapter || objective || search);
  const appError = toAppError(editionsError) ?? lines.error;
  const current = editions.find((e) => e.code === edition);
  const editionTitle = current?.title;

  return (
    <>
      <PageTitle title={L.title}>{L.title}</PageTitle>
      <p className="lead">{L.lead(editionTitle)}</p>
      <form
        className="rtd-filters row g-3 mb-4"
        role="search"
        aria-label={L.search}
        onSubmit={(e) => e.preventDefault()}
      >
        <div className="col-12 col-md-3">
          <label htmlFor={`${ids}-edition`}>{L.edition}</label>
          <div className="select-wrapper">
            <select
              id={`${ids}-edition`}
              value={edition ?? ''}
              onChange={(e) => update({ edizione: e.target.value, capitolo: null, obiettivo: null })}
            >
              {editions.map((e) => (
                <option key={e.code} value={e.code}>
                  {L.editionOption(e.code, e.lineCount)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="col-12 col-md-3">
          <label htmlFor={`${ids}-chapter`}>{L.chapter}</label>
          <div className="select-wrapper">
            <select
              id={`${ids}-chapter`}
              value={chapter ?? ''}
              onChange={(e) => update({ capitolo: e.target.value, obiettivo: null })}
            >
              <option value="">{L.allChapters}</option>
              {chapters.map(([number, title]) => (
                <option key={number} value={number}>
                  {L.chapterOption(number, title)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="col-12 col-md-2">
          <label htmlFor={`${ids}-objective`}>{L.objective}</label>
          <div className="select-wrapper">
            <select
              id={`${ids}-objective`}
              value={objective}
              onChange={(e) => update({ obiettivo: e.target.value })}
            >
              <option value="">{L.allObjectives}</option>
              {objectives.map((code) => (
                <option key={code} value={code}>
                  {code}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="col-12 col-md-4">
          <label htmlFor={`${ids}-search`}>{L.searchText}</label>
          <input
            id={`${ids}-search`}
            type="search"
            className="form-control"
            value={typed}
            autoComplete="off"
            aria-describedby={`${ids}-search-help`}
            onChange={(e) => setTyped(e.target.value)}
          />
          <small id={`${ids}-search-help`} className="form-text">
            {L.searchHelp}
          </small>
        </div>
      </form>
      {current ? <EditionInfo edition={current} /> : null}

      {appError ? <ErrorNotice error={appError} /> : null}
      <p className="lead" aria-live="polite">
        {lines.loaded && !lines.stale ? L.count(count) : ''}
        {lines.loaded && !lines.stale && search ? L.searchedFor(search) : ''}
      </p>
      {(lines.fetching && !lines.loaded) || (!edition && !appError) ? <Loading what={L.loading} /> : null}
      {lines.loaded && !lines.stale && shown.length === 0 ? (
        <EmptyState title={L.emptyTitle}>
          {filtered ? (
            <>
              {L.tryAnother}{' '}
              <button
                type="button"
                className="btn btn-link p-0 align-baseline"
                onClick={() => {
                  setTyped('');
                  update({ capitolo: null, obiettivo: null, cerca: null });
                }}
              >
                {L.clearFilters}
              </button>
              .
            </>
          ) : (
            L.emptyEdition
          )}
        </EmptyState>
      ) : null}
      {shown.length > 0 ? (
        <ol className="list-unstyled rtd-cards" aria-label={L.lines}>
          {shown.map((line) => (
            <li key={line.id}>
              <article className="card rtd-card" aria-labelledby={`${ids}-${line.id}`}>
                <div className="card-body">
                  <h2 id={`${ids}-${line.id}`} className="h5 card-title rtd-codes mb-1">
                    {line.code}
                    {line.local ? <span className="badge bg-primary ms-2">{L.local}</span> : null}
                  </h2>
                  <p className="small text-muted mb-2">
                    {L.chapterOf(line.chapter, line.chapterTitle)}
                    {line.objectiveCodes.length ? L.objectives(line.objectiveCodes) : ''}
                  </p>
                  <p className="mb-2">{line.text}</p>
                  <PlanLineFacts line={line} />
                  <LineSuccession line={line} />
                </div>
              </article>
            </li>
          ))}
        </ol>
      ) : null}
      {!objective && lines.hasNextPage && !lines.stale ? (
        <div className="d-flex align-items-center gap-3 mb-4">
          <button
            type="button"
            className="btn btn-outline-primary"
            onClick={lines.more}
            disabled={lines.fetching}
          >
            {L.more}
          </button>
          <span>{L.shown(lines.items.length, lines.total)}</span>
        </div>
      ) : null}
      {lines.fetching && lines.loaded ? <Loading what={L.loadingMore} /> : null}
    </>
  );
}
