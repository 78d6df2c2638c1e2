import { lazy, Suspense, useMemo } from 'react';
import { useQuery } from 'urql';
import { ErrorNotice, Loading } from '../../../components/Feedback';
import { formatDate, todayInRome } from '../../../lib/dates';
import { toAppError } from '../../../lib/errors';
import { REGION_TREND_LABEL as L } from '../../../lib/i18n';
import { RegionTrendQuery } from '../api/region';

// ECharts loads on demand, as on the Cruscotto: the page's tables do not wait for it.
const TrendChart = lazy(() =>
  import('../../dashboard/components/TrendChart').then((m) => ({ default: m.TrendChart })),
);

export const REGION_TREND_DAYS = 90;
const percent = new Intl.NumberFormat('it-IT', { style: 'percent', maximumFractionDigits: 1 });
const number = new Intl.NumberFormat('it-IT');

function daysBefore(isoDay: string, days: number): string {
  const d = new Date(`${isoDay}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/**
 * The region's trend: each day's midnight snapshot summed over its provinces (completion over
 * the applicable activities, as everywhere), drawn as the Cruscotto draws it and given in a table.
 */
export function RegionTrend({ regionCode }: { regionCode: string }) {
  const today = todayInRome();
  const [{ data, fetching, error }] = useQuery({
    query: RegionTrendQuery,
    variables: { regionCode, from: daysBefore(today, REGION_TREND_DAYS), to: today },
  });
  const points = useMemo(
    () =>
      (data?.complianceTrend ?? []).map((p) => {
        const sum = (k: 'total' | 'completed' | 'submitted' | 'notApplicable' | 'overdue') =>
          p.buckets.reduce((n, b) => n + b[k], 0);
        const applicable = sum('total') - sum('notApplicable');
        return {
          day: p.day,
          total: sum('total'),
          completed: sum('completed'),
          submitted: sum('submitted'),
          overdue: sum('overdue'),
          completionRate: applicable > 0 ? sum('completed') / applicable : 0,
        };
      }),
    [data],
  );
  const appError = toAppError(error);
  return (
    <section className="mb-5" aria-labelledby="andamento-regione">
      <h2 id="andamento-regione" className="h3">
        {L.heading(REGION_TREND_DAYS)}
      </h2>
      {appError ? <ErrorNotice error={appError} /> : null}
      {fetching && !data ? <Loading what={L.loading} /> : null}
      {data && points.length === 0 ? <p>{L.empty}</p> : null}
      {points.length > 0 ? (
        <>
          <Suspense fallback={<Loading what={L.loadingChart} />}>
            <TrendChart points={points} />
          </Suspense>
          <details className="mt-2">
            <summary>{L.tableSummary}</summary>
            <div className="table-responsive" tabIndex={0} role="region" aria-label={L.tableRegion}>
              <table className="table table-sm">
                <caption>{L.caption}</caption>
                <thead>
                  <tr>
                    <th scope="col">{L.day}</th>
                    <th scope="col">{L.completion}</th>
                    <th scope="col">{L.completed}</th>
                    <th scope="col">{L.submitted}</th>
                    <th scope="col">{L.overdue}</th>
                    <th scope="col">{L.total}</th>
                  </tr>
                </thead>
                <tbody>
                  {points.map((p) => (
                    <tr key={p.day}>
                      <th scope="row" className="fw-normal">
                        {formatDate(p.day)}
                      </th>
                      <td>{percent.format(p.completionRate)}</td>
                      <td>{number.format(p.completed)}</td>
                      <td>{number.format(p.submitted)}</td>
                      <td>{number.format(p.overdue)}</td>
                      <td>{number.format(p.total)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      ) : null}
    </section>
  );
}
