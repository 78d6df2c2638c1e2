import { useEffect, useId, useState } from 'react';
import { useQuery } from 'urql';
import { PlanLineFacts } from '../../../components/PlanLineFacts';
import type { LineSearchQuery } from '../../../gql/graphql';
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
      <legend className="h5">Linee d’azione</legend>
      {picked.length === 0 ? (
        <p id={`${ids}-none`}>Nessuna linea scelta: cercane almeno una qui sotto.</p>
      ) : (
        <ul className="list-unstyled mb-3" aria-label="Linee scelte">
          {picked.map((l) => (
            <li
              key={l.code}
              className="rtd-panel mb-2 d-flex justify-content-between gap-3 align-items-start"
            >
              <div>
                <strong>{l.code}</strong> · Cap. {l.chapter} {l.chapterTitle}
                <div className="small">{l.text}</div>
                <PlanLineFacts line={l} />
              </div>
              <button
                type="button"
                className="btn btn-sm btn-outline-danger"
                onClick={() => onRemove(l.code)}
              >
                Rimuovi <span className="visually-hidden">{l.code}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <label htmlFor={`${ids}-search`} className="fw-semibold small d-block">
        Cerca nel Piano Triennale {edition} (codice o parole)
      </label>
      <input
        id={`${ids}-search`}
        type="search"
        className="form-control mb-2"
        value={text}
        placeholder={`ad esempio: accessibilità${exampleCode ? `, ${exampleCode}` : ''}`}
        onChange={(e) => setText(e.target.value)}
        aria-describedby={`${ids}-count`}
      />
      <p id={`${ids}-count`} className="small" aria-live="polite">
        {fetching
          ? 'Ricerca…'
          : data
            ? data.planLines.totalCount === 0
              ? `Nessuna linea trovata nel Piano Triennale ${edition}: i codici cambiano da un’edizione all’altra, controlla l’edizione scelta.`
              : `${data.planLines.totalCount === 1 ? '1 linea trovata' : `${data.planLines.totalCount} linee trovate`} nel Piano Triennale ${edition}${data.planLines.totalCount > 20 ? ' (mostrate le prime 20)' : ''}`
            : ''}
      </p>
      <ul className="list-unstyled rtd-line-results" aria-label="Risultati della ricerca">
        {results.map((l) => (
          <li
            key={l.id}
            className="border-bottom py-2 d-flex justify-content-between gap-3 align-items-start"
          >
            <div>
              <strong>{l.code}</strong> · Cap. {l.chapter} {l.chapterTitle}
              {l.local ? ' · linea locale' : ''}
              <div className="small">{l.text.length > 240 ? `${l.text.slice(0, 240)}…` : l.text}</div>
              <PlanLineFacts line={l} compact />
            </div>
            <button
              type="button"
              className="btn btn-sm btn-outline-primary"
              disabled={pickedCodes.has(l.code)}
              onClick={() => onAdd(l)}
            >
              {pickedCodes.has(l.code) ? 'Scelta' : 'Aggiungi'}{' '}
              <span className="visually-hidden">{l.code}</span>
            </button>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
