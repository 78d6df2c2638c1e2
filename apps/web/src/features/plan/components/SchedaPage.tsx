import { Button } from 'design-react-kit';
import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { ErrorNotice, Loading } from '../../../components/Feedback';
import { TextField } from '../../../components/Fields';
import { PageTitle } from '../../../components/PageTitle';
import { toAppError } from '../../../lib/errors';
import { SCHEDA_PAGE_LABEL as L } from '../../../lib/i18n';
import {
  CreateObjectiveFromInterventoMutation,
  MembersQuery,
  SchedaQuery,
  SchedaVersionQuery,
} from '../api/scheda';
import { IndicatorForm } from './IndicatorForm';
import { IndicatorTrend } from './IndicatorTrend';
import {
  DIRECTION_LABEL,
  FREQUENCY_LABEL,
  KIND_LABEL,
  MEASURED_BY_LABEL,
  NATURE_LABEL,
  periodLabel,
  PIANO_STATE_LABEL,
} from '../../../lib/i18n';
import { EDITION } from './PianoForms';
import { RecordValueForm } from './RecordValueForm';
import { SchedaDetails } from './SchedaDetails';
import { SchedaForm } from './SchedaForm';

const number = new Intl.NumberFormat('it-IT', { maximumFractionDigits: 2 });

/**
 * A scheda intervento of the consortium's Piano (`/piano-consorzio/schede/:id`): every field;
 * on a draft, for RTD and staff, the full edit form and the indicator editor; each indicator's
 * trend against its target (chart and table) and its values as recorded, where the office
 * records new ones (also after approval: monitoring goes on); and "Crea l’obiettivo condiviso",
 * the shared objective that pushes the scheda's work to the comuni. The server says who may edit
 * (`canEdit`); auditors only read.
 */
export function SchedaPage({
  interventoId,
  consortiumId,
  canWrite,
}: {
  interventoId: string;
  consortiumId: string;
  canWrite: boolean;
}) {
  const [{ data, fetching, error }, refetch] = useQuery({
    query: SchedaQuery,
    variables: { id: interventoId },
  });
  const scheda = data?.pianoIntervento ?? null;
  const [version] = useQuery({
    query: SchedaVersionQuery,
    variables: { id: scheda?.versionId ?? '' },
    pause: !scheda,
  });
  const [members] = useQuery({ query: MembersQuery, variables: { consortiumId }, pause: !canWrite });
  const comuni = (members.data?.consortium?.comuni.edges ?? []).map((e) => e.node);
  const [created, createObjective] = useMutation(CreateObjectiveFromInterventoMutation);
  const [dueDate, setDueDate] = useState('');
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const piano = version.data?.pianoVersion ?? null;
  const canEdit = piano?.canEdit ?? false;
  const appError = toAppError(error ?? version.error);
  const years = piano ? [piano.year, piano.year + 1, piano.year + 2] : [];

  return (
    <>
      <PageTitle title={scheda ? L.tabTitle(scheda.code) : L.title}>
        {scheda ? L.heading(scheda.code, scheda.title) : L.title}
      </PageTitle>
      <p>
        <Link to="/piano-consorzio">{L.back}</Link>
      </p>
      {appError ? <ErrorNotice error={appError} /> : null}
      {fetching && !data ? <Loading what={L.loading} /> : null}
      {scheda && piano ? (
        <>
          <p>
            {L.version(piano.number, piano.year)}
            <strong>{PIANO_STATE_LABEL[piano.state]}</strong>
            {piano.state !== 'DRAFT' ? L.frozen : ''}
          </p>
          <SchedaDetails scheda={scheda} />
          {canEdit ? (
            <SchedaForm key={scheda.version} scheda={scheda} members={comuni} onDone={reload} />
          ) : null}

          <section aria-labelledby="obiettivo" className="mb-4">
            <h2 id="obiettivo" className="h4">
              {L.objective}
            </h2>
            {scheda.sharedObjective ? (
              <p>
                {L.objectiveLink}
                <Link to={`/obiettivi/${scheda.sharedObjective.id}`}>{scheda.sharedObjective.title}</Link>
              </p>
            ) : canWrite ? (
              <form
                className="d-flex flex-wrap gap-2 align-items-end"
                onSubmit={async (e) => {
                  e.preventDefault();
                  const res = await createObjective({
                    interventoId: scheda.id,
                    edition: EDITION,
                    dueDate: dueDate || null,
                  });
                  if (!res.error) reload();
                }}
              >
                <TextField
                  id="objective-due"
                  type="date"
                  label={L.objectiveDue}
                  required
                  value={dueDate}
                  onChange={(e) => setDueDate(e.target.value)}
                />
                <Button type="submit" color="primary" disabled={created.fetching}>
                  {L.createObjective}
                </Button>
              </form>
            ) : (
              <p>{L.noObjective}</p>
            )}
            {created.error ? <ErrorNotice error={toAppError(created.error)!} /> : null}
          </section>

          <section aria-labelledby="indicatori-scheda" className="mb-4">
            <h2 id="indicatori-scheda" className="h4">
              {L.indicators}
            </h2>
            {scheda.indicators.length === 0 ? <p>{L.noIndicators}</p> : null}
            {scheda.indicators.map((x) => (
              <article key={x.id} className="border-top pt-3 mb-4" aria-labelledby={`ind-${x.id}`}>
                <h3 id={`ind-${x.id}`} className="h5">
                  {x.name}
                </h3>
                <p className="small">
                  {KIND_LABEL[x.kind]}
                  {x.unit ? ` (${x.unit})` : ''} · {NATURE_LABEL[x.nature]}
                  {L.must(DIRECTION_LABEL[x.direction].toLowerCase())} · {FREQUENCY_LABEL[x.frequency]}
                  {L.measuredBy}
                  {MEASURED_BY_LABEL[x.measuredBy]}
                  {x.source ? L.source(x.source) : ''}
                  {x.baseline != null
                    ? L.baseline(
                        number.format(x.baseline),
                        x.baselineDate ? new Date(x.baselineDate).toLocaleDateString('it-IT') : null,
                      )
                    : ''}
                  {x.targets.length
                    ? L.targets(x.targets.map((t) => `${t.year} ${number.format(t.value)}`).join(', '))
                    : ''}
                </p>
                <IndicatorTrend name={x.name} unit={x.unit ?? ''} periods={x.periods} />
                {x.values.length > 0 ? (
                  <details className="mb-3">
                    <summary>{L.values(x.values.length)}</summary>
                    <div className="table-responsive">
                      <table className="table table-sm">
                        <caption>{L.valuesCaption}</caption>
                        <thead>
                          <tr>
                            <th scope="col">{L.period}</th>
                            <th scope="col">{L.comune}</th>
                            <th scope="col">{L.value}</th>
                            <th scope="col">{L.recorded}</th>
                            <th scope="col">{L.note}</th>
                          </tr>
                        </thead>
                        <tbody>
                          {x.values.map((v) => (
                            <tr key={v.id}>
                              <th scope="row">{periodLabel(v.period)}</th>
                              <td>{v.comuneName ?? L.consortium}</td>
                              <td>
                                {x.kind === 'YES_NO' ? (v.value ? L.yes : L.no) : number.format(v.value)}
                              </td>
                              <td>
                                {new Date(v.recordedAt).toLocaleDateString('it-IT')}
                                {v.recordedBy ? `, ${v.recordedBy}` : ''}
                              </td>
                              <td>{v.note ?? ''}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </div>
                  </details>
                ) : null}
                {canWrite ? (
                  <RecordValueForm
                    indicator={{ ...x, measuredByComune: x.measuredBy === 'COMUNE' }}
                    comuni={scheda.comuni.length ? scheda.comuni : comuni}
                    onDone={reload}
                  />
                ) : null}
                {canEdit ? (
                  <details>
                    <summary>{L.editIndicator}</summary>
                    <IndicatorForm interventoId={scheda.id} years={years} indicator={x} onDone={reload} />
                  </details>
                ) : null}
              </article>
            ))}
            {canEdit ? (
              <IndicatorForm
                key={scheda.indicators.length}
                interventoId={scheda.id}
                years={years}
                onDone={reload}
              />
            ) : null}
          </section>
        </>
      ) : null}
    </>
  );
}
