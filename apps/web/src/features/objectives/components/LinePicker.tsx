import { useEffect, useId, useState } from 'react';
import { useQuery } from 'urql';
import { PlanLineFacts } from '../../../components/PlanLineFacts';
import type { LineSearchQuery } from '../../../gql/graphql';
import { LINE_PICKER_LABEL as L } from '../../../lib/i18n';
import { LineSearchQuery as Query } from '../api/objectives';

export type PickedLine = LineSearchQuery['planLines']['edges'][number]['node'];

/** Search the edition's lines as you type (accents and case ignored by the API) and pick them. */
export function LinePicker({
  edition,
  picked,
  onAdd,
  onRemove,
}: {
  edition: string;
  picked: PickedLine[];
  onAdd: (line: PickedLine) => void;
  onRemove: (code: string) => void;
}) {
  const ids = useId();
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  useEffect(() => {
    const timer = window.setTimeout(() => setSearch(text.trim()), 250);
    return () => window.clearTimeout(timer);
  }, [text]);
  const [{ data, fetching }] = useQuery({
    query: Query,
    variables: { edition, search: search || null },
    pause: !edition,
  });
  const pickedCodes = new Set(picked.map((l) => l.code));
  const results = data?.planLines.edges.map((e) => e.node) ?? [];
  // The example in the search box is a code of this edition (CAP1.PA.LA19 is not in every one).
  const [example, setExample] = useState<{ edition: string; code: string } | null>(null);
  if (!search && results[0] && (example?.edition !== edition || example.code !== results[0].code))
    setExample({ edition, code: results[0].code });
  const exampleCode = example?.edition === edition ? example.code : null;
  return (
    <fieldset className="mb-4">
      <legend className="h5">{L.title}</legend>
      {picked.length === 0 ? (
        <p id={`${ids}-none`}>{L.none}</p>
      ) : (
        <ul className="list-unstyled mb-3" aria-label={L.picked}>
          {picked.map((l) => (
            <li
              key={l.code}
              className="rtd-panel mb-2 d-flex justify-content-between gap-3 align-items-start"
            >
              <div>
                <strong>{l.code}</strong>
                {L.chapter(l.chapter, l.chapterTitle)}
                <div className="small">{l.text}</div>
                <PlanLineFacts line={l} />
              </div>
              <button
                type="button"
                className="btn btn-sm btn-outline-danger"
                onClick={() => onRemove(l.code)}
              >
                {L.remove} <span className="visually-hidden">{l.code}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <label htmlFor={`${ids}-search`} className="fw-semibold small d-block">
        {L.search(edition)}
      </label>
      <input
        id={`${ids}-search`}
        type="search"
        className="form-control mb-2"
        value={text}
        placeholder={L.example(exampleCode)}
        onChange={(e) => setText(e.target.value)}
        aria-describedby={`${ids}-count`}
      />
      <p id={`${ids}-count`} className="small" aria-live="polite">
        {fetching
          ? L.searching
          : data
            ? data.planLines.totalCount === 0
              ? L.noResult(edition)
              : L.found(data.planLines.totalCount, edition)
            : ''}
      </p>
      <ul className="list-unstyled rtd-line-results" aria-label={L.results}>
        {results.map((l) => (
          <li
            key={l.id}
            className="border-bottom py-2 d-flex justify-content-between gap-3 align-items-start"
          >
            <div>
              <strong>{l.code}</strong>
              {L.chapter(l.chapter, l.chapterTitle)}
              {l.local ? L.local : ''}
              <div className="small">{l.text.length > 240 ? `${l.text.slice(0, 240)}…` : l.text}</div>
              <PlanLineFacts line={l} compact />
            </div>
            <button
              type="button"
              className="btn btn-sm btn-outline-primary"
              disabled={pickedCodes.has(l.code)}
              onClick={() => onAdd(l)}
            >
              {pickedCodes.has(l.code) ? L.chosen : L.add} <span className="visually-hidden">{l.code}</span>
            </button>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
