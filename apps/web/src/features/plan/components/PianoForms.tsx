import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { ErrorNotice } from '../../../components/Feedback';
import type { InterventoAxis, InterventoHorizon } from '../../../gql/graphql';
import { toAppError } from '../../../lib/errors';
import { ApprovePianoVersionMutation, CreatePianoInterventoMutation } from '../api/plan';
import { AXIS_LABEL, HORIZON_LABEL } from './labels';

/** The edition of the Piano Triennale the schede are linked to and the coverage is read for. */
export const EDITION = '2022-2024';

/**
 * The edition in force, whose coverage the page also shows through the catalogue's line-to-line
 * mapping (a scheda keeps the 2022-2024 lines it was linked to).
 */
export const CURRENT_EDITION = '2024-2026';

/** "Registra l’approvazione": the date and the act of the Conferenza dei Sindaci. */
export function ApproveForm({ versionId, onDone }: { versionId: string; onDone: () => void }) {
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

/** "Nuova scheda intervento": code, title, asse, class, period and lines; the rest on its page. */
export function NewIntervento({ versionId, onDone }: { versionId: string; onDone: () => void }) {
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
