import { useQuery } from 'urql';
import { ErrorNotice, Loading } from '../../../components/Feedback';
import { formatDate } from '../../../lib/dates';
import { toAppError } from '../../../lib/errors';
import { PNRR_FUNDING_LABEL, PNRR_LABEL } from '../../../lib/i18n';
import { asOfText, formatEuro } from '../../../lib/pnrr';
import { ComunePnrrQuery } from '../api/comune';

/**
 * "Finanziamenti PNRR" of the Scheda del Comune: per measure, the comune's own applications
 * (call, amount, CUP, status with its date, the date the data is as of), the comune's own total,
 * and apart, named as such, its territory's.
 */
export function PnrrFundingSection({ comuneId }: { comuneId: string }) {
  const [{ data, fetching, error }] = useQuery({ query: ComunePnrrQuery, variables: { id: comuneId } });
  const comune = data?.comune ?? null;
  const appError = toAppError(error);
  const pnrr = comune?.pnrr ?? null;
  const rows = pnrr?.measures.flatMap((m) => m.applications.map((a) => ({ measure: m.measure, a }))) ?? [];

  return (
    <section className="mb-5" aria-labelledby="finanziamenti-pnrr">
      <h2 id="finanziamenti-pnrr" className="h3">
        {PNRR_LABEL.title}
      </h2>
      {appError ? <ErrorNotice error={appError} /> : null}
      {fetching && !data ? <Loading what={PNRR_FUNDING_LABEL.loading} /> : null}
      {comune && pnrr ? (
        <>
          <dl className="row mb-3">
            <dt className="col-12 col-md-5">
              {PNRR_LABEL.own(comune.name)}
              <div className="small fw-normal text-muted">{PNRR_LABEL.ownHelp}</div>
            </dt>
            <dd className="col-12 col-md-7 fw-semibold" data-testid="pnrr-own-total">
              {formatEuro(pnrr.ownAmount)}
            </dd>
            <dt className="col-12 col-md-5">
              {PNRR_LABEL.territory}
              <div className="small fw-normal text-muted">{PNRR_LABEL.territoryHelp}</div>
            </dt>
            <dd className="col-12 col-md-7">
              {pnrr.territoryAmount === null ? PNRR_LABEL.notAvailable : formatEuro(pnrr.territoryAmount)}
              <ul className="list-unstyled small mb-0">
                <li>
                  {PNRR_LABEL.schools}: {formatEuro(pnrr.schoolsAmount)}
                </li>
                <li>
                  {PNRR_LABEL.otherBodies}: {formatEuro(pnrr.otherBodiesAmount)}
                </li>
              </ul>
            </dd>
          </dl>
          {rows.length === 0 ? <p className="text-muted">{PNRR_LABEL.noneAtAll}</p> : null}
          <div
            className="table-responsive"
            tabIndex={0}
            role="region"
            aria-label={PNRR_LABEL.caption(comune.name)}
          >
            <table className="table table-sm">
              <caption>{PNRR_LABEL.caption(comune.name)}</caption>
              <thead>
                <tr>
                  <th scope="col">{PNRR_LABEL.measure}</th>
                  <th scope="col">{PNRR_LABEL.call}</th>
                  <th scope="col" className="text-end">
                    {PNRR_LABEL.amount}
                  </th>
                  <th scope="col">{PNRR_LABEL.cup}</th>
                  <th scope="col">{PNRR_LABEL.statusColumn}</th>
                  <th scope="col">{PNRR_LABEL.asOfColumn}</th>
                </tr>
              </thead>
              {pnrr.measures.map((m) => (
                <tbody key={m.measure.code}>
                  {m.applications.length === 0 ? (
                    <tr>
                      <th scope="row" className="fw-normal">
                        {m.measure.code} <span className="small text-muted">{m.measure.title}</span>
                      </th>
                      <td colSpan={4} className="text-muted">
                        {PNRR_LABEL.noApplication}
                      </td>
                      <td className="text-nowrap">{formatDate(m.measure.asOf)}</td>
                    </tr>
                  ) : (
                    m.applications.map((a) => {
                      const label = PNRR_LABEL.status[a.status];
                      return (
                        <tr key={`${a.cup}-${a.call.title}`}>
                          <th scope="row" className="fw-normal">
                            {m.measure.code} <span className="small text-muted">{m.measure.title}</span>
                          </th>
                          <td>{a.call.title}</td>
                          <td className="text-end text-nowrap">
                            {a.status === 'WITHDRAWN' ? (
                              <>
                                <s>{formatEuro(a.amount)}</s>{' '}
                                <span className="small">({PNRR_LABEL.notCounted})</span>
                              </>
                            ) : (
                              formatEuro(a.amount)
                            )}
                          </td>
                          <td className="rtd-codes text-nowrap">{a.cup}</td>
                          <td>
                            {PNRR_LABEL.statusWithDate(label, a.statusDate ? formatDate(a.statusDate) : null)}
                          </td>
                          <td className="text-nowrap">{formatDate(a.asOf)}</td>
                        </tr>
                      );
                    })
                  )}
                  {m.applications.length > 1 ? (
                    <tr>
                      <th scope="row" colSpan={2} className="fw-normal text-end">
                        {PNRR_LABEL.measureTotal(m.measure.code)}
                      </th>
                      <td className="text-end text-nowrap fw-semibold">{formatEuro(m.ownAmount)}</td>
                      <td colSpan={2} />
                      <td className="text-nowrap">{asOfText(m.measure.asOf)}</td>
                    </tr>
                  ) : null}
                </tbody>
              ))}
            </table>
          </div>
          <p className="small text-muted mb-1">{PNRR_LABEL.statusHelp}</p>
          <p className="small text-muted">{PNRR_LABEL.source}</p>
        </>
      ) : null}
    </section>
  );
}
