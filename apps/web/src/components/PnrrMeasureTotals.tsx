import { formatDate } from '../lib/dates';
import { PNRR_LABEL } from '../lib/i18n';
import { formatEuro } from '../lib/pnrr';

export interface PnrrMeasureTotalRow {
  measure: { code: string; title: string; asOf?: string | null };
  amount: number;
  fundedComuni: number;
  applicationCount: number;
  withdrawnCount: number;
}

/**
 * Per-measure PNRR totals of a consortium or a region: the comuni's own funding (withdrawn
 * excluded), each measure with the date its data is as of; then the own total and, apart, the
 * territories' as the publisher sums them.
 */
export function PnrrMeasureTotals({
  id,
  scope,
  amount,
  territoryAmount,
  comuneCount,
  measures,
}: {
  id: string;
  /** "del consorzio", "della Regione Lombardia" */
  scope: string;
  amount: number;
  territoryAmount: number;
  comuneCount: number;
  measures: PnrrMeasureTotalRow[];
}) {
  const caption = PNRR_LABEL.totalsCaption(scope);
  return (
    <section className="mb-5" aria-labelledby={id}>
      <h2 id={id} className="h3">
        {PNRR_LABEL.title}
      </h2>
      <dl className="row mb-3">
        <dt className="col-12 col-md-6">{PNRR_LABEL.ownTotal(scope)}</dt>
        <dd className="col-12 col-md-6 fw-semibold" data-testid={`${id}-own`}>
          {formatEuro(amount)}
        </dd>
        <dt className="col-12 col-md-6">{PNRR_LABEL.territoryTotal(scope)}</dt>
        <dd className="col-12 col-md-6">{formatEuro(territoryAmount)}</dd>
      </dl>
      <div className="table-responsive" tabIndex={0} role="region" aria-label={caption}>
        <table className="table table-sm">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{PNRR_LABEL.measure}</th>
              <th scope="col" className="text-end">
                {PNRR_LABEL.amount}
              </th>
              <th scope="col" className="text-end">
                {PNRR_LABEL.fundedComuni}
              </th>
              <th scope="col" className="text-end">
                {PNRR_LABEL.applications}
              </th>
              <th scope="col" className="text-end">
                {PNRR_LABEL.withdrawn}
              </th>
              <th scope="col">{PNRR_LABEL.asOfColumn}</th>
            </tr>
          </thead>
          <tbody>
            {measures.map((m) => (
              <tr key={m.measure.code}>
                <th scope="row" className="fw-normal">
                  {m.measure.code} <span className="small text-muted">{m.measure.title}</span>
                </th>
                <td className="text-end text-nowrap">{formatEuro(m.amount)}</td>
                <td className="text-end">
                  {m.fundedComuni} / {comuneCount}
                </td>
                <td className="text-end">{m.applicationCount}</td>
                <td className="text-end">{m.withdrawnCount}</td>
                <td className="text-nowrap">{formatDate(m.measure.asOf)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{PNRR_LABEL.total}</th>
              <td className="text-end text-nowrap fw-semibold">{formatEuro(amount)}</td>
              <td colSpan={4} />
            </tr>
          </tfoot>
        </table>
      </div>
      <p className="small text-muted">{PNRR_LABEL.source}</p>
    </section>
  );
}
