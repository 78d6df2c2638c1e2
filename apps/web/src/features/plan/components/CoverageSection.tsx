import { COVERAGE_LABEL as C } from '../../../lib/i18n';

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
        {C.title(coverage.edition)}
      </h2>
      <p>
        {C.covered(coverage.coveredCount, coverage.totalLines)}
        {mapped.length > 0 ? C.mapped(mapped.length) : ''}.
      </p>
      {mapped.length > 0 ? (
        <details className="mb-2">
          <summary>{C.mappedList(mapped.length)}</summary>
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
        <summary>{C.uncovered(uncovered.length)}</summary>
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
