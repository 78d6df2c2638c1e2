import { useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { EmptyState, ErrorNotice, Loading } from '../../../components/Feedback';
import { PageTitle } from '../../../components/PageTitle';
import type { InterventoAxis, InterventoHorizon } from '../../../gql/graphql';
import { toAppError } from '../../../lib/errors';
import {
  ApprovePianoVersionMutation,
  CreatePianoInterventoMutation,
  CreatePianoVersionMutation,
  PianoQuery,
  PublishPianoVersionMutation,
} from '../api/plan';
import { AXIS_LABEL, FUNDING_LABEL, HORIZON_LABEL, STATE_LABEL } from './labels';

const EDITION = '2022-2024';
const euro = new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
const number = new Intl.NumberFormat('it-IT', { maximumFractionDigits: 2 });

function semesterRange(start: string, end: string): string[] {
  const index = (p: string) => Number(p.slice(0, 4)) * 2 + Number(p.slice(6)) - 1;
  const out: string[] = [];
  for (let i = index(start); i <= index(end); i++) out.push(`${Math.floor(i / 2)}-S${(i % 2) + 1}`);
  return out;
}
const semesterLabel = (p: string) => `${p.slice(6) === '1' ? 'I' : 'II'} sem. ${p.slice(0, 4)}`;

/**
 * "Il Piano del consorzio": the office's own Piano (issue 25). The quadro riassuntivo with its
 * filters, the coverage of the Piano Triennale's lines, the cronoprogramma by semester and the
 * indicators against their targets; RTD and staff start the yearly update, add schede to the
 * draft, record its approval and publish it. The server decides who may edit (`canEdit`).
 */
export function PianoPage({ consortiumId, canWrite }: { consortiumId: string; canWrite: boolean }) {
  const [{ data, fetching, error }, refetch] = useQuery({
    query: PianoQuery,
    variables: { consortiumId, edition: EDITION },
  });
  const [axis, setAxis] = useState<'' | InterventoAxis>('');
  const [horizon, setHorizon] = useState<'' | InterventoHorizon>('');
  const piano = data?.piano ?? null;
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const [created, createVersion] = useMutation(CreatePianoVersionMutation);
  const [published, publish] = useMutation(PublishPianoVersionMutation);
  const appError = toAppError(error ?? created.error ?? published.error);

  const interventi = useMemo(
    () =>
      (piano?.interventi ?? []).filter(
        (i) => (!axis || i.axis === axis) && (!horizon || i.horizon === horizon),
      ),
    [piano, axis, horizon],
  );
  const semesters = useMemo(() => {
    const all = (piano?.interventi ?? []).filter((i) => i.startPeriod && i.endPeriod);
    if (all.length === 0) return [];
    const start = all.map((i) => i.startPeriod!).sort()[0];
    const end = all
      .map((i) => i.endPeriod!)
      .sort()
      .at(-1)!;
    return semesterRange(start, end);
  }, [piano]);
  const hasDraft = (data?.pianoVersions ?? []).some((v) => v.state === 'DRAFT');

  return (
    <>
      <PageTitle title="Il Piano del consorzio">Il Piano del consorzio</PageTitle>
      {appError ? <ErrorNotice error={appError} /> : null}
      {fetching && !data ? <Loading what="del Piano" /> : null}
      {data && !piano ? <EmptyState title="Il consorzio non ha ancora un Piano" /> : null}
      {canWrite && data && !hasDraft ? (
        <button
          type="button"
          className="btn btn-outline-primary mb-3"
          onClick={async () => {
            const year = new Date().getFullYear() + 1;
            const res = await createVersion({ input: { consortiumId, year } });
            if (!res.error) reload();
          }}
        >
          {piano ? 'Avvia l’aggiornamento annuale' : 'Crea il Piano'}
        </button>
      ) : null}
      {piano ? (
        <>
          <section aria-labelledby="versione" className="mb-4">
            <h2 id="versione" className="h4">
              {piano.title}
            </h2>
            <p>
              Versione {piano.number} ({piano.year}): <strong>{STATE_LABEL[piano.state]}</strong>
              {piano.approvedOn
                ? ` il ${new Date(piano.approvedOn).toLocaleDateString('it-IT')}, ${piano.approvalAct}`
                : ''}
            </p>
            {piano.canEdit ? <ApproveForm versionId={piano.id} onDone={reload} /> : null}
            {canWrite && piano.state === 'APPROVED' ? (
              <button
                type="button"
                className="btn btn-primary"
                onClick={async () => (await publish({ id: piano.id })).error || reload()}
              >
                Pubblica il Piano
              </button>
            ) : null}
          </section>

          <section aria-labelledby="quadro" className="mb-4">
            <h2 id="quadro" className="h4">
              Quadro riassuntivo degli interventi
            </h2>
            <div className="d-flex flex-wrap gap-3 mb-2">
              <label>
                Asse di intervento{' '}
                <select
                  className="form-select"
                  value={axis}
                  onChange={(e) => setAxis(e.target.value as InterventoAxis | '')}
                >
                  <option value="">Tutti</option>
                  {Object.entries(AXIS_LABEL).map(([k, v]) => (
                    <option key={k} value={k}>
                      {v}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                Classe{' '}
                <select
                  className="form-select"
                  value={horizon}
                  onChange={(e) => setHorizon(e.target.value as InterventoHorizon | '')}
                >
                  <option value="">Tutte</option>
                  {Object.entries(HORIZON_LABEL).map(([k, v]) => (
                    <option key={k} value={k}>
                      {v}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <div className="table-responsive">
              <table className="table table-sm">
                <caption>{interventi.length} interventi</caption>
                <thead>
                  <tr>
                    <th scope="col">Codice</th>
                    <th scope="col">Intervento</th>
                    <th scope="col">Classe</th>
                    <th scope="col">Asse</th>
                    <th scope="col">Piano Triennale</th>
                    <th scope="col">Periodo</th>
                    <th scope="col">Costo</th>
                    <th scope="col">Finanziamento</th>
                  </tr>
                </thead>
                <tbody>
                  {interventi.map((i) => (
                    <tr key={i.id}>
                      <th scope="row">{i.code}</th>
                      <td>
                        {i.title}
                        {i.removedReason ? <div className="small text-muted">{i.removedReason}</div> : null}
                      </td>
                      <td>{HORIZON_LABEL[i.horizon]}</td>
                      <td>{AXIS_LABEL[i.axis]}</td>
                      <td>{i.lines.map((l) => l.code).join(', ')}</td>
                      <td>
                        {i.startPeriod && i.endPeriod
                          ? `${semesterLabel(i.startPeriod)} – ${semesterLabel(i.endPeriod)}`
                          : '—'}
                      </td>
                      <td>{euro.format(i.totalCost)}</td>
                      <td>
                        {i.funding
                          .map(
                            (f) =>
                              `${FUNDING_LABEL[f.source]}${f.pnrrMeasure ? ` ${f.pnrrMeasure}` : ''}${f.cup ? ` (CUP ${f.cup})` : ''}`,
                          )
                          .join('; ')}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {piano.canEdit ? <NewIntervento versionId={piano.id} onDone={reload} /> : null}
          </section>

          <section aria-labelledby="cronoprogramma" className="mb-4">
            <h2 id="cronoprogramma" className="h4">
              Cronoprogramma
            </h2>
            <div className="table-responsive">
              <table className="table table-sm table-bordered rtd-gantt">
                <caption>Semestri di attività di ciascun intervento</caption>
                <thead>
                  <tr>
                    <th scope="col">Intervento</th>
                    {semesters.map((s) => (
                      <th scope="col" key={s}>
                        {semesterLabel(s)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {(piano.interventi ?? [])
                    .filter((i) => i.startPeriod && i.endPeriod)
                    .map((i) => (
                      <tr key={i.id}>
                        <th scope="row">{i.code}</th>
                        {semesters.map((s) => {
                          const active = s >= i.startPeriod! && s <= i.endPeriod!;
                          return (
                            <td key={s} className={active ? 'bg-primary text-white text-center' : ''}>
                              {active ? (
                                <span aria-label="attivo">■</span>
                              ) : (
                                <span className="visually-hidden">no</span>
                              )}
                            </td>
                          );
                        })}
                      </tr>
                    ))}
                </tbody>
              </table>
            </div>
          </section>

          <section aria-labelledby="indicatori" className="mb-4">
            <h2 id="indicatori" className="h4">
              Indicatori: andamento e obiettivo
            </h2>
            <div className="table-responsive">
              <table className="table table-sm">
                <thead>
                  <tr>
                    <th scope="col">Intervento</th>
                    <th scope="col">Indicatore</th>
                    <th scope="col">Misurato da</th>
                    <th scope="col">Periodi (valore / obiettivo)</th>
                  </tr>
                </thead>
                <tbody>
                  {piano.interventi.flatMap((i) =>
                    i.indicators.map((x) => (
                      <tr key={x.id}>
                        <th scope="row">{i.code}</th>
                        <td>
                          {x.name}
                          {x.kind === 'YES_NO' ? ' (% di Comuni con "sì")' : x.unit ? ` (${x.unit})` : ''}
                        </td>
                        <td>{x.measuredBy === 'COMUNE' ? 'Ciascun Comune' : 'Ufficio associato'}</td>
                        <td>
                          {x.periods.length === 0
                            ? 'Nessun valore'
                            : x.periods
                                .map(
                                  (p) =>
                                    `${semesterLabel(p.period)}: ${p.value === null ? '—' : number.format(p.value)}${
                                      p.target === null ? '' : ` / ${number.format(p.target)}`
                                    }${p.onTarget === null ? '' : p.onTarget ? ' (raggiunto)' : ' (non raggiunto)'}`,
                                )
                                .join(' · ')}
                        </td>
                      </tr>
                    )),
                  )}
                </tbody>
              </table>
            </div>
          </section>

          <section aria-labelledby="copertura" className="mb-4">
            <h2 id="copertura" className="h4">
              Copertura delle linee del Piano Triennale {EDITION}
            </h2>
            <p>
              {piano.coverage.coveredCount} linee su {piano.coverage.totalLines} rivolte ai Comuni hanno
              almeno un intervento.
            </p>
            <details>
              <summary>
                Linee senza intervento ({piano.coverage.totalLines - piano.coverage.coveredCount})
              </summary>
              <ul>
                {piano.coverage.lines
                  .filter((l) => l.interventoCodes.length === 0)
                  .map((l) => (
                    <li key={l.code}>
                      <strong>{l.code}</strong> {l.text}
                    </li>
                  ))}
              </ul>
            </details>
          </section>
        </>
      ) : null}
    </>
  );
}

function ApproveForm({ versionId, onDone }: { versionId: string; onDone: () => void }) {
  const [approvedOn, setApprovedOn] = useState('');
  const [approvalAct, setApprovalAct] = useState('');
  const [state, approve] = useMutation(ApprovePianoVersionMutation);
  const appError = toAppError(state.error);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await approve({ id: versionId, input: { approvedOn, approvalAct } });
    if (!res.error) onDone();
  };
  return (
    <form onSubmit={submit} className="border rounded p-3 mb-3" aria-labelledby="approva">
      <h3 id="approva" className="h5">
        Registra l’approvazione
      </h3>
      {appError ? <ErrorNotice error={appError} /> : null}
      <div className="mb-2">
        <label htmlFor="approvedOn" className="form-label">
          Data di approvazione
        </label>
        <input
          id="approvedOn"
          type="date"
          className="form-control"
          required
          value={approvedOn}
          onChange={(e) => setApprovedOn(e.target.value)}
        />
      </div>
      <div className="mb-2">
        <label htmlFor="approvalAct" className="form-label">
          Atto di approvazione
        </label>
        <input
          id="approvalAct"
          className="form-control"
          required
          placeholder="Conferenza dei Sindaci, verbale n. …"
          value={approvalAct}
          onChange={(e) => setApprovalAct(e.target.value)}
        />
      </div>
      <button type="submit" className="btn btn-primary">
        Approva la versione
      </button>
    </form>
  );
}

function NewIntervento({ versionId, onDone }: { versionId: string; onDone: () => void }) {
  const [code, setCode] = useState('');
  const [title, setTitle] = useState('');
  const [axis, setAxis] = useState<InterventoAxis>('NUOVI_SERVIZI');
  const [horizon, setHorizon] = useState<InterventoHorizon>('PROGRAMMED');
  const [startPeriod, setStart] = useState('');
  const [endPeriod, setEnd] = useState('');
  const [lines, setLines] = useState('');
  const [state, create] = useMutation(CreatePianoInterventoMutation);
  const appError = toAppError(state.error);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await create({
      versionId,
      input: {
        code,
        title,
        axis,
        horizon,
        startPeriod: startPeriod || null,
        endPeriod: endPeriod || null,
        lines: lines
          .split(/[\s,;]+/)
          .filter(Boolean)
          .map((c) => ({ edition: EDITION, code: c.toUpperCase() })),
      },
    });
    if (!res.error) {
      setCode('');
      setTitle('');
      onDone();
    }
  };
  return (
    <form onSubmit={submit} className="border rounded p-3" aria-labelledby="nuova-scheda">
      <h3 id="nuova-scheda" className="h5">
        Nuova scheda intervento
      </h3>
      {appError ? <ErrorNotice error={appError} /> : null}
      <div className="row g-2">
        <div className="col-12 col-md-3">
          <label htmlFor="scheda-code" className="form-label">
            Codice
          </label>
          <input
            id="scheda-code"
            className="form-control"
            required
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
        </div>
        <div className="col-12 col-md-9">
          <label htmlFor="scheda-title" className="form-label">
            Titolo
          </label>
          <input
            id="scheda-title"
            className="form-control"
            required
            value={title}
            onChange={(e) => setTitle(e.target.value)}
          />
        </div>
        <div className="col-12 col-md-6">
          <label htmlFor="scheda-axis" className="form-label">
            Asse di intervento
          </label>
          <select
            id="scheda-axis"
            className="form-select"
            value={axis}
            onChange={(e) => setAxis(e.target.value as InterventoAxis)}
          >
            {Object.entries(AXIS_LABEL).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </div>
        <div className="col-12 col-md-6">
          <label htmlFor="scheda-horizon" className="form-label">
            Classe
          </label>
          <select
            id="scheda-horizon"
            className="form-select"
            value={horizon}
            onChange={(e) => setHorizon(e.target.value as InterventoHorizon)}
          >
            {Object.entries(HORIZON_LABEL)
              .filter(([k]) => k !== 'REMOVED')
              .map(([k, v]) => (
                <option key={k} value={k}>
                  {v}
                </option>
              ))}
          </select>
        </div>
        <div className="col-6 col-md-3">
          <label htmlFor="scheda-start" className="form-label">
            Inizio (es. 2026-S1)
          </label>
          <input
            id="scheda-start"
            className="form-control"
            value={startPeriod}
            onChange={(e) => setStart(e.target.value)}
          />
        </div>
        <div className="col-6 col-md-3">
          <label htmlFor="scheda-end" className="form-label">
            Fine (es. 2027-S2)
          </label>
          <input
            id="scheda-end"
            className="form-control"
            value={endPeriod}
            onChange={(e) => setEnd(e.target.value)}
          />
        </div>
        <div className="col-12 col-md-6">
          <label htmlFor="scheda-lines" className="form-label">
            Linee del Piano Triennale {EDITION} (codici)
          </label>
          <input
            id="scheda-lines"
            className="form-control"
            value={lines}
            onChange={(e) => setLines(e.target.value)}
          />
        </div>
      </div>
      <button type="submit" className="btn btn-primary mt-3">
        Aggiungi la scheda
      </button>
    </form>
  );
}
