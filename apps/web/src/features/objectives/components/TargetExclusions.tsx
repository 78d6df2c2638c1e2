import { useId } from 'react';
import type { TargetPreviewQuery } from '../../../gql/graphql';
import { TARGET_LABEL } from '../../../lib/i18n';
import { formatInhabitants } from '../../../lib/plan';

type Preview = TargetPreviewQuery['targetPreview'];

/**
 * The members the target leaves out and why, as the server explains it ("CAP5.PA.10: fuori dalla
 * fascia 5.000-10.000 abitanti", "linea rivolta alle Regioni ..."), and the lines' conditions the
 * office checks itself. Closed by default: the list can hold every member of a large consortium.
 */
export function TargetExclusions({ preview }: { preview: Preview }) {
  const ids = useId();
  return (
    <>
      {preview.excluded.length > 0 ? (
        <details className="mt-2">
          <summary>{TARGET_LABEL.excludedTitle(preview.excluded.length)}</summary>
          <div className="table-responsive">
            <table className="table table-sm small mb-0">
              <caption className="visually-hidden">{TARGET_LABEL.excludedCaption}</caption>
              <thead>
                <tr>
                  <th scope="col">{TARGET_LABEL.comune}</th>
                  <th scope="col">{TARGET_LABEL.population}</th>
                  <th scope="col">{TARGET_LABEL.reason}</th>
                </tr>
              </thead>
              <tbody>
                {preview.excluded.map((e) => (
                  <tr key={e.comune.id}>
                    <th scope="row">{e.comune.name}</th>
                    <td>{formatInhabitants(e.comune.population)}</td>
                    <td>{e.reasons.join('; ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      ) : null}
      {preview.conditions.length > 0 ? (
        <div className="mt-2">
          <p id={`${ids}-conditions`} className="fw-semibold mb-1">
            {TARGET_LABEL.conditionsTitle}
          </p>
          <p className="small mb-1">{TARGET_LABEL.conditionsIntro}</p>
          <ul className="small mb-0" aria-labelledby={`${ids}-conditions`}>
            {preview.conditions.map((c) => (
              <li key={`${c.lineCode}-${c.text}`}>
                <span className="rtd-codes">{c.lineCode}</span>: {c.text}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  );
}
