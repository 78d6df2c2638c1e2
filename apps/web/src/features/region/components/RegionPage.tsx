import { useMemo } from 'react';
import { useQuery } from 'urql';
import { EmptyState, ErrorNotice, Loading } from '../../../components/Feedback';
import { PageTitle } from '../../../components/PageTitle';
import type { RegionBucketFragment } from '../../../gql/graphql';
import { toAppError } from '../../../lib/errors';
import { COMPLIANCE_COLUMN_LABEL, REGION_LABEL as L } from '../../../lib/i18n';
import { PnrrMeasureTotals } from '../../../components/PnrrMeasureTotals';
import { RegionComplianceQuery, RegionConsortiaQuery, RegionPnrrQuery } from '../api/region';
import { RegionExportButton } from '../../exports/components/RegionExportButton';
import { RegionTrend } from './RegionTrend';

const COUNTS = [
  'total',
  'completed',
  'inProgress',
  'submitted',
  'rejected',
  'notStarted',
  'notApplicable',
  'overdue',
] as const;

const percent = new Intl.NumberFormat('it-IT', { style: 'percent', maximumFractionDigits: 1 });
const number = new Intl.NumberFormat('it-IT');

/** Lowest completion first (where help is needed), then by name; whatever order the API used. */
const byRate = (a: RegionBucketFragment, b: RegionBucketFragment) =>
  a.completionRate - b.completionRate || a.label.localeCompare(b.label, 'it');

/**
 * "La Regione": what the regional observer may see, read-only and aggregated: the Piano's progress
 * per consortium and per province of the region. No field names a person.
 */
export function RegionPage({
  regionCode,
  regionName: named,
}: {
  regionCode: string;
  regionName?: string | null;
}) {
  const [{ data, fetching, error }] = useQuery({
    query: RegionComplianceQuery,
    variables: { regionCode },
    pause: !regionCode,
  });
  const [consortia] = useQuery({ query: RegionConsortiaQuery, pause: Boolean(named) });
  // The name the membership carries (the ISTAT register's); else a member comune's. Never the code.
  const regionName = useMemo(() => {
    if (named) return named;
    for (const c of consortia.data?.consortia ?? [])
      for (const { node } of c.comuni.edges) if (node.regionCode === regionCode) return node.regionName;
    return null;
  }, [named, consortia.data, regionCode]);
  const title = L.title(regionName);
  const [pnrr] = useQuery({ query: RegionPnrrQuery, variables: { regionCode }, pause: !regionCode });
  const pnrrTotal = pnrr.data?.pnrrRegionTotal ?? null;
  const pnrrError = toAppError(pnrr.error);
  const appError = toAppError(error);

  return (
    <>
      <PageTitle title={title}>{title}</PageTitle>
      <p className="lead">{L.lead}</p>
      {regionCode ? <RegionExportButton regionCode={regionCode} /> : null}
      {appError ? <ErrorNotice error={appError} /> : null}
      {fetching && !data ? <Loading what={L.loading} /> : null}
      {regionCode ? <RegionTrend regionCode={regionCode} /> : null}
      {data ? (
        <>
          <ComplianceTable
            id="per-consorzio"
            title={L.byConsortium}
            rowHeader={L.consortium}
            caption={L.byConsortiumCaption}
            buckets={data.byConsortium}
          />
          <ComplianceTable
            id="per-provincia"
            title={L.byProvince}
            rowHeader={L.province}
            caption={L.byProvinceCaption}
            buckets={data.byProvince}
          />
        </>
      ) : null}
      {pnrrError ? <ErrorNotice error={pnrrError} /> : null}
      {pnrrTotal ? (
        <PnrrMeasureTotals
          id="finanziamenti-pnrr"
          scope={L.pnrrScope(regionName)}
          amount={pnrrTotal.amount}
          territoryAmount={pnrrTotal.territoryAmount}
          comuneCount={pnrrTotal.comuneCount}
          measures={pnrrTotal.measures}
        />
      ) : null}
    </>
  );
}

function ComplianceTable({
  id,
  title,
  rowHeader,
  caption,
  buckets,
}: {
  id: string;
  title: string;
  rowHeader: string;
  caption: string;
  buckets: RegionBucketFragment[];
}) {
  const rows = useMemo(() => [...buckets].sort(byRate), [buckets]);
  return (
    <section className="mb-5" aria-labelledby={id}>
      <h2 id={id} className="h3">
        {title}
      </h2>
      {rows.length === 0 ? (
        <EmptyState title={L.emptyTitle}>{L.empty}</EmptyState>
      ) : (
        <div className="table-responsive" tabIndex={0} role="region" aria-label={caption}>
          <table className="table">
            <caption>{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{rowHeader}</th>
                {COUNTS.map((k) => (
                  <th key={k} scope="col" className="text-end">
                    {COMPLIANCE_COLUMN_LABEL[k]}
                  </th>
                ))}
                <th scope="col" className="text-end">
                  {COMPLIANCE_COLUMN_LABEL.completionRate}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((b) => (
                <tr key={b.key}>
                  <th scope="row">{b.label}</th>
                  {COUNTS.map((k) => (
                    <td key={k} className="text-end">
                      {number.format(b[k])}
                    </td>
                  ))}
                  <td className="text-end fw-semibold">{percent.format(b.completionRate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
