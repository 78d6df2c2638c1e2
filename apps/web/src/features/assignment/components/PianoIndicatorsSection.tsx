import { useQuery } from 'urql';
import { ErrorNotice } from '../../../components/Feedback';
import { formatDate } from '../../../lib/dates';
import { toAppError } from '../../../lib/errors';
import { PIANO_INDICATORS_LABEL as L, periodLabel } from '../../../lib/i18n';
import { RecordValueForm } from '../../plan/components/RecordValueForm';
import type { AssignmentPianoIndicatorsQuery as Result } from '../../../gql/graphql';
import { AssignmentPianoIndicatorsQuery, PianoIndicatorComuneValuesQuery } from '../api/assignment';

const number = new Intl.NumberFormat('it-IT', { maximumFractionDigits: 2 });

/**
 * "Indicatori del Piano da rilevare": the indicators of the consortium's Piano (approved or
 * published) that each comune measures, for the schede this objective carries out; the comune's
 * values so far and, for its referent (or the office), the form to record the value of a period.
 * Nothing shows when the objective serves no scheda with such indicators.
 */
export function PianoIndicatorsSection({
  assignmentId,
  comuneId,
  canRecord,
}: {
  assignmentId: string;
  comuneId: string;
  canRecord: boolean;
}) {
  const [{ data, error }] = useQuery({
    query: AssignmentPianoIndicatorsQuery,
    variables: { id: assignmentId },
  });
  const indicators = data?.assignment?.pianoIndicators ?? [];
  const appError = toAppError(error);
  if (!appError && indicators.length === 0) return null;
  return (
    <section aria-labelledby="indicatori-piano-titolo" className="mb-4">
      <h2 id="indicatori-piano-titolo" className="h4">
        {L.title}
      </h2>
      {appError ? <ErrorNotice error={appError} /> : null}
      <p className="small">{L.intro}</p>
      {indicators.map((x) => (
        <IndicatorOfComune key={x.id} indicator={x} comuneId={comuneId} canRecord={canRecord} />
      ))}
    </section>
  );
}

type Indicator = NonNullable<Result['assignment']>['pianoIndicators'][number];

/** One indicator: the comune's values so far and, for who may, the form to record one. */
function IndicatorOfComune({
  indicator: x,
  comuneId,
  canRecord,
}: {
  indicator: Indicator;
  comuneId: string;
  canRecord: boolean;
}) {
  const [{ data, error }, refetch] = useQuery({
    query: PianoIndicatorComuneValuesQuery,
    variables: { id: x.id, comuneId },
  });
  const values = data?.pianoIndicator.values ?? [];
  const appError = toAppError(error);
  return (
    <article className="mb-3" aria-labelledby={`pi-${x.id}`}>
      <h3 id={`pi-${x.id}`} className="h6">
        {x.name}
        {x.kind === 'YES_NO' ? L.yesNo : x.unit ? ` (${x.unit})` : ''}
      </h3>
      {appError ? <ErrorNotice error={appError} /> : null}
      {values.length === 0 ? (
        <p className="small text-muted">{L.none}</p>
      ) : (
        <ul className="small">
          {values.map((v) => (
            <li key={v.id}>
              {periodLabel(v.period)}:{' '}
              <strong>{x.kind === 'YES_NO' ? (v.value ? L.yes : L.no) : number.format(v.value)}</strong>{' '}
              {L.recorded(formatDate(v.recordedAt.slice(0, 10)), v.recordedBy ?? null)}
              {v.note ? ` · ${v.note}` : ''}
            </li>
          ))}
        </ul>
      )}
      {canRecord ? (
        <RecordValueForm
          indicator={{ ...x, measuredByComune: true }}
          comuni={[]}
          fixedComuneId={comuneId}
          onDone={() => refetch({ requestPolicy: 'network-only' })}
        />
      ) : null}
    </article>
  );
}
