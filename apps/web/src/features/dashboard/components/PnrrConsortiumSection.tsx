import { useQuery } from 'urql';
import { ErrorNotice, Loading } from '../../../components/Feedback';
import { PnrrMeasureTotals } from '../../../components/PnrrMeasureTotals';
import { toAppError } from '../../../lib/errors';
import { PNRR_CONSORTIUM_LABEL as L, PNRR_LABEL } from '../../../lib/i18n';
import { DashboardPnrrQuery } from '../api/pnrr';

/**
 * The Cruscotto's PNRR section (issue 21): the consortium's totals per measure (its comuni's own
 * funding) and, for each measure serving a line of the office's objectives, the comuni without an
 * application. Self-contained: mounted by the dashboard with one line.
 */
export function PnrrConsortiumSection({ consortiumId }: { consortiumId: string }) {
  const [{ data, fetching, error }] = useQuery({ query: DashboardPnrrQuery, variables: { consortiumId } });
  const pnrr = data?.consortium?.pnrr ?? null;
  const appError = toAppError(error);
  if (appError) return <ErrorNotice error={appError} />;
  if (fetching && !data) return <Loading what={L.loading} />;
  if (!pnrr) return null;
  const relied = pnrr.measures.filter((m) => m.servesObjectives);
  return (
    <>
      <PnrrMeasureTotals
        id="pnrr-consorzio"
        scope={L.scope}
        amount={pnrr.amount}
        territoryAmount={pnrr.territoryAmount}
        comuneCount={pnrr.comuneCount}
        measures={pnrr.measures}
      />
      <section className="mb-5" aria-labelledby="pnrr-senza-candidatura">
        <h2 id="pnrr-senza-candidatura" className="h4">
          {PNRR_LABEL.comuniWithout}
        </h2>
        {relied.length === 0 ? (
          <p className="text-muted">{PNRR_LABEL.noObjectiveMeasure}</p>
        ) : (
          <div
            className="table-responsive"
            tabIndex={0}
            role="region"
            aria-label={PNRR_LABEL.comuniWithoutCaption}
          >
            <table className="table table-sm">
              <caption>{PNRR_LABEL.comuniWithoutCaption}</caption>
              <thead>
                <tr>
                  <th scope="col">{PNRR_LABEL.measure}</th>
                  <th scope="col">{L.comuniWithout}</th>
                </tr>
              </thead>
              <tbody>
                {relied.map((m) => (
                  <tr key={m.measure.code}>
                    <th scope="row" className="fw-normal">
                      {m.measure.code} <span className="small text-muted">{m.measure.title}</span>
                    </th>
                    <td>
                      {m.comuniWithoutApplication.length === 0
                        ? PNRR_LABEL.everyComuneApplied
                        : `${m.comuniWithoutApplication.length}: ${m.comuniWithoutApplication.join(', ')}`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
