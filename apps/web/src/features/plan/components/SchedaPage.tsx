import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { ErrorNotice, Loading } from '../../../components/Feedback';
import { PageTitle } from '../../../components/PageTitle';
import { toAppError } from '../../../lib/errors';
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
  STATE_LABEL,
} from './labels';
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
      <PageTitle title={scheda ? `Scheda ${scheda.code}` : 'Scheda intervento'}>
        {scheda ? `Scheda intervento ${scheda.code}: ${scheda.title}` : 'Scheda intervento'}
      </PageTitle>
      <p>
        <Link to="/piano-consorzio">Torna al Piano del consorzio</Link>
      </p>
      {appError ? <ErrorNotice error={appError} /> : null}
      {fetching && !data ? <Loading what="della scheda" /> : null}
      {scheda && piano ? (
        <>
          <p>
            Piano versione {piano.number} ({piano.year}): <strong>{STATE_LABEL[piano.state]}</strong>
            {piano.state !== 'DRAFT' ? '. La versione approvata non si modifica più.' : ''}
          </p>
          <SchedaDetails scheda={scheda} />
          {canEdit ? (
            <SchedaForm key={scheda.version} scheda={scheda} members={comuni} onDone={reload} />
          ) : null}

          <section aria-labelledby="obiettivo" className="mb-4">
            <h2 id="obiettivo" className="h4">
              Obiettivo condiviso con i Comuni
            </h2>
            {scheda.sharedObjective ? (
              <p>
                L’obiettivo condiviso che attua la scheda:{' '}
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
                <div>
                  <label htmlFor="objective-due" className="form-label">
                    Scadenza per i Comuni
                  </label>
                  <input
                    id="objective-due"
                    type="date"
                    required
                    className="form-control"
                    value={dueDate}
                    onChange={(e) => setDueDate(e.target.value)}
                  />
                </div>
                <button type="submit" className="btn btn-primary" disabled={created.fetching}>
                  Crea l’obiettivo condiviso
                </button>
              </form>
            ) : (
              <p>Nessun obiettivo condiviso creato dalla scheda.</p>
            )}
            {created.error ? <ErrorNotice error={toAppError(created.error)!} /> : null}
          </section>

          <section aria-labelledby="indicatori-scheda" className="mb-4">
            <h2 id="indicatori-scheda" className="h4">
              Indicatori
            </h2>
            {scheda.indicators.length === 0 ? <p>La scheda non ha ancora indicatori.</p> : null}
            {scheda.indicators.map((x) => (
              <article key={x.id} className="border-top pt-3 mb-4" aria-labelledby={`ind-${x.id}`}>
                <h3 id={`ind-${x.id}`} className="h5">
                  {x.name}
                </h3>
                <p className="small">
                  {KIND_LABEL[x.kind]}
                  {x.unit ? ` (${x.unit})` : ''} · {NATURE_LABEL[x.nature]} · deve{' '}
                  {DIRECTION_LABEL[x.direction].toLowerCase()} · {FREQUENCY_LABEL[x.frequency]} · rilevato da:{' '}
                  {MEASURED_BY_LABEL[x.measuredBy]}
                  {x.source ? ` · fonte: ${x.source}` : ''}
                  {x.baseline != null
                    ? ` · partenza ${number.format(x.baseline)}${x.baselineDate ? ` al ${new Date(x.baselineDate).toLocaleDateString('it-IT')}` : ''}`
                    : ''}
                  {x.targets.length
                    ? ` · obiettivi: ${x.targets.map((t) => `${t.year} ${number.format(t.value)}`).join(', ')}`
                    : ''}
                </p>
                <IndicatorTrend name={x.name} unit={x.unit ?? ''} periods={x.periods} />
                {x.values.length > 0 ? (
                  <details className="mb-3">
                    <summary>Valori registrati ({x.values.length})</summary>
                    <div className="table-responsive">
                      <table className="table table-sm">
                        <caption>Ogni valore registrato, dal più recente</caption>
                        <thead>
                          <tr>
                            <th scope="col">Periodo</th>
                            <th scope="col">Comune</th>
                            <th scope="col">Valore</th>
                            <th scope="col">Registrato</th>
                            <th scope="col">Nota</th>
                          </tr>
                        </thead>
                        <tbody>
                          {x.values.map((v) => (
                            <tr key={v.id}>
                              <th scope="row">{periodLabel(v.period)}</th>
                              <td>{v.comuneName ?? 'Consorzio'}</td>
                              <td>
                                {x.kind === 'YES_NO' ? (v.value ? 'Sì' : 'No') : number.format(v.value)}
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
                    <summary>Modifica l’indicatore</summary>
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
