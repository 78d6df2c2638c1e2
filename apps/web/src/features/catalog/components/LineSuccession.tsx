import { Link } from 'react-router';
import type { CatalogLinesQuery } from '../../../gql/graphql';
import { PLAN_LABEL, SUCCESSION_KIND_LABEL } from '../../../lib/i18n';

type Line = CatalogLinesQuery['planLines']['edges'][number]['node'];

const catalogLink = (edition: string, code: string) =>
  `/piano?${new URLSearchParams({ edizione: edition, cerca: code })}`;

/**
 * "Nella nuova edizione (2024-2026): CAP3.PA.09, CAP3.PA.13, CAP3.PA.15 (suddivisa)", from the
 * catalogue's line-to-line mapping, with the reviewer's note; and where the line comes from.
 */
export function LineSuccession({ line }: { line: Line }) {
  const next = line.successors;
  const previous = line.predecessors;
  if (next.length === 0 && previous.length === 0) return null;
  const nextEdition = next[0]?.toEdition;
  const dropped = next.find((s) => s.kind === 'DROPPED');
  const kinds = [...new Set(next.filter((s) => s.line).map((s) => SUCCESSION_KIND_LABEL[s.kind]))];
  const notes = [...new Set(next.map((s) => s.note).filter((n): n is string => Boolean(n)))];
  return (
    <div className="rtd-succession small mt-2">
      {nextEdition ? (
        <p className="mb-1">
          <span className="fw-semibold">{PLAN_LABEL.nextEdition(nextEdition)} </span>
          {dropped ? (
            `${PLAN_LABEL.noSuccessor} (${SUCCESSION_KIND_LABEL.DROPPED})`
          ) : (
            <>
              {next
                .filter((s) => s.line)
                .map((s, i) => (
                  <span key={s.line!.id}>
                    {i > 0 ? ', ' : ''}
                    <Link to={catalogLink(nextEdition, s.line!.code)}>{s.line!.code}</Link>
                  </span>
                ))}{' '}
              ({kinds.join(', ')})
            </>
          )}
          {notes.length ? ` — ${notes.join(' ')}` : ''}
          {` · ${next.every((s) => s.reviewed) ? PLAN_LABEL.reviewed : PLAN_LABEL.automatic}`}
        </p>
      ) : null}
      {previous.length > 0 ? (
        <p className="mb-0">
          <span className="fw-semibold">{PLAN_LABEL.previousEdition(previous[0].fromEdition)} </span>
          {previous
            .filter((p) => p.line)
            .map((p, i) => (
              <span key={p.line!.id}>
                {i > 0 ? ', ' : ''}
                <Link to={catalogLink(previous[0].fromEdition, p.line!.code)}>{p.line!.code}</Link>
              </span>
            ))}
        </p>
      ) : null}
    </div>
  );
}
