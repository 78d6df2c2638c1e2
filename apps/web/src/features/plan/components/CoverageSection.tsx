interface Coverage {
  edition: string;
  totalLines: number;
  coveredCount: number;
  lines: {
    code: string;
    text: string;
    interventoCodes: string[];
    mappedInterventoCodes: string[];
  }[];
}

/**
 * The coverage of one edition's lines addressed to comuni by the Piano's schede: directly, or
 * through the catalogue's line-to-line mapping (the scheda is linked to the line's predecessor
 * or successor in the adjacent edition); the lines no scheda reaches.
 */
export function CoverageSection({ coverage }: { coverage: Coverage }) {
  const id = `copertura-${coverage.edition}`;
  const mapped = coverage.lines.filter(
    (l) => l.interventoCodes.length === 0 && l.mappedInterventoCodes.length > 0,
  );
  const uncovered = coverage.lines.filter(
    (l) => l.interventoCodes.length === 0 && l.mappedInterventoCodes.length === 0,
  );
  return (
    <section aria-labelledby={id} className="mb-4">
      <h2 id={id} className="h4">
        Copertura delle linee del Piano Triennale {coverage.edition}
      </h2>
      <p>
        {coverage.coveredCount} linee su {coverage.totalLines} rivolte ai Comuni hanno almeno un intervento
        {mapped.length > 0
          ? `; ${mapped.length} tramite la corrispondenza tra le linee delle edizioni (la scheda è collegata alla linea corrispondente dell’edizione vicina)`
          : ''}
        .
      </p>
      {mapped.length > 0 ? (
        <details className="mb-2">
          <summary>Linee coperte tramite la corrispondenza tra edizioni ({mapped.length})</summary>
          <ul>
            {mapped.map((l) => (
              <li key={l.code}>
                <strong>{l.code}</strong> {l.text}{' '}
                <span className="text-muted">({l.mappedInterventoCodes.join(', ')})</span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <details>
        <summary>Linee senza intervento ({uncovered.length})</summary>
        <ul>
          {uncovered.map((l) => (
            <li key={l.code}>
              <strong>{l.code}</strong> {l.text}
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
