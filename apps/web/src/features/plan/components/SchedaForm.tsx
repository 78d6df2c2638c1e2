import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { ErrorNotice } from '../../../components/Feedback';
import type {
  ImplementationState,
  InterventoAxis,
  InterventoHorizon,
  Level,
  PianoSchedaQuery,
} from '../../../gql/graphql';
import { toAppError } from '../../../lib/errors';
import { UpdateInterventoMutation } from '../api/scheda';
import { AXIS_LABEL, HORIZON_LABEL, IMPLEMENTATION_LABEL, LEVEL_LABEL } from './labels';
import { EDITION } from './PianoForms';
import { CostsFieldset, FundingFieldset, type CostRow, type FundingRow } from './SchedaMoneyFields';

type Scheda = PianoSchedaQuery['pianoIntervento'];

const TEXTS = [
  ['owner', 'Responsabile (l’Ufficio o una U.O.)'],
  ['beneficiaries', 'Beneficiari'],
  ['problem', 'Problema da risolvere'],
  ['description', 'Descrizione'],
  ['expectedResults', 'Risultati attesi'],
  ['impact', 'Impatto'],
  ['constraints', 'Vincoli'],
  ['externalParties', 'Soggetti esterni coinvolti'],
  ['skills', 'Competenze necessarie'],
] as const;
type TextField = (typeof TEXTS)[number][0];

const LEVELS = [
  ['effort', 'Impegno del personale'],
  ['benefitDirect', 'Benefici diretti'],
  ['benefitIndirect', 'Benefici indiretti'],
] as const;

const toNumber = (s: string) => (s.trim() === '' ? 0 : Number(s.replace(',', '.')));

/**
 * The full edit form of a scheda of the draft (RTD and staff): every field of the scheda, its
 * costs per year, its funding, its Piano Triennale lines and the member comuni in scope.
 * Saved with the scheda's version (optimistic locking): someone else's change in between is a
 * CONFLICT, shown as such.
 */
export function SchedaForm({
  scheda,
  members,
  onDone,
}: {
  scheda: Scheda;
  members: { id: string; name: string }[];
  onDone: () => void;
}) {
  const [code, setCode] = useState(scheda.code);
  const [title, setTitle] = useState(scheda.title);
  const [texts, setTexts] = useState<Record<TextField, string>>(
    () => Object.fromEntries(TEXTS.map(([k]) => [k, scheda[k] ?? ''])) as Record<TextField, string>,
  );
  const [levels, setLevels] = useState<Record<(typeof LEVELS)[number][0], Level | ''>>({
    effort: scheda.effort ?? '',
    benefitDirect: scheda.benefitDirect ?? '',
    benefitIndirect: scheda.benefitIndirect ?? '',
  });
  const [axis, setAxis] = useState<InterventoAxis>(scheda.axis);
  const [horizon, setHorizon] = useState<InterventoHorizon>(scheda.horizon);
  const [removedReason, setRemovedReason] = useState(scheda.removedReason ?? '');
  const [implementation, setImplementation] = useState<ImplementationState>(scheda.implementation);
  const [startPeriod, setStart] = useState(scheda.startPeriod ?? '');
  const [endPeriod, setEnd] = useState(scheda.endPeriod ?? '');
  const [lines, setLines] = useState(
    scheda.lines
      .filter((l) => l.edition === EDITION)
      .map((l) => l.code)
      .join(', '),
  );
  const [costs, setCosts] = useState<CostRow[]>(
    scheda.costs.map((c) => ({
      year: String(c.year),
      initial: String(c.initial),
      running: String(c.running),
    })),
  );
  const [funding, setFunding] = useState<FundingRow[]>(
    scheda.funding.map((f) => ({
      source: f.source,
      amount: f.amount === null || f.amount === undefined ? '' : String(f.amount),
      pnrrMeasure: f.pnrrMeasure ?? '',
      cup: f.cup ?? '',
    })),
  );
  const [comuni, setComuni] = useState<string[]>(scheda.comuni.map((c) => c.id));
  const [state, update] = useMutation(UpdateInterventoMutation);
  const [saved, setSaved] = useState(false);
  const appError = toAppError(state.error);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const otherEditions = scheda.lines
      .filter((l) => l.edition !== EDITION)
      .map((l) => ({ edition: l.edition, code: l.code }));
    const res = await update({
      id: scheda.id,
      expectedVersion: scheda.version,
      input: {
        code,
        title,
        ...texts,
        effort: levels.effort || null,
        benefitDirect: levels.benefitDirect || null,
        benefitIndirect: levels.benefitIndirect || null,
        axis,
        horizon,
        removedReason: horizon === 'REMOVED' ? removedReason : '',
        implementation,
        startPeriod,
        endPeriod,
        lines: [
          ...otherEditions,
          ...lines
            .split(/[\s,;]+/)
            .filter(Boolean)
            .map((c) => ({ edition: EDITION, code: c.toUpperCase() })),
        ],
        costs: costs.map((c) => ({
          year: Number(c.year),
          initial: toNumber(c.initial),
          running: toNumber(c.running),
        })),
        funding: funding.map((f) => ({
          source: f.source,
          amount: f.amount.trim() === '' ? null : toNumber(f.amount),
          pnrrMeasure: f.pnrrMeasure || null,
          cup: f.cup || null,
        })),
        comuneIds: comuni,
      },
    });
    if (!res.error) {
      setSaved(true);
      onDone();
    }
  };

  const field = (id: string, label: string, input: React.ReactNode, wide = false) => (
    <div className={wide ? 'col-12' : 'col-12 col-md-6'}>
      <label htmlFor={id} className="form-label">
        {label}
      </label>
      {input}
    </div>
  );

  return (
    <form onSubmit={submit} className="border rounded p-3 mb-4" aria-labelledby="modifica-scheda">
      <h2 id="modifica-scheda" className="h4">
        Modifica la scheda
      </h2>
      {appError ? <ErrorNotice error={appError} /> : null}
      <div className="row g-2">
        {field(
          'f-code',
          'Codice',
          <input
            id="f-code"
            className="form-control"
            required
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />,
        )}
        {field(
          'f-title',
          'Titolo',
          <input
            id="f-title"
            className="form-control"
            required
            value={title}
            onChange={(e) => setTitle(e.target.value)}
          />,
        )}
        {TEXTS.map(([k, label]) =>
          field(
            `f-${k}`,
            label,
            <textarea
              id={`f-${k}`}
              className="form-control"
              rows={k === 'owner' || k === 'beneficiaries' ? 1 : 3}
              value={texts[k]}
              onChange={(e) => setTexts({ ...texts, [k]: e.target.value })}
            />,
            k !== 'owner' && k !== 'beneficiaries',
          ),
        )}
        {LEVELS.map(([k, label]) => (
          <div key={k} className="col-12 col-md-4">
            <label htmlFor={`f-${k}`} className="form-label">
              {label}
            </label>
            <select
              id={`f-${k}`}
              className="form-select"
              value={levels[k]}
              onChange={(e) => setLevels({ ...levels, [k]: e.target.value as Level | '' })}
            >
              <option value="">Non indicato</option>
              {Object.entries(LEVEL_LABEL).map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </select>
          </div>
        ))}
        {field(
          'f-axis',
          'Asse di intervento',
          <select
            id="f-axis"
            className="form-select"
            value={axis}
            onChange={(e) => setAxis(e.target.value as InterventoAxis)}
          >
            {Object.entries(AXIS_LABEL).map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>,
        )}
        {field(
          'f-horizon',
          'Classe',
          <select
            id="f-horizon"
            className="form-select"
            value={horizon}
            onChange={(e) => setHorizon(e.target.value as InterventoHorizon)}
          >
            {Object.entries(HORIZON_LABEL).map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>,
        )}
        {horizon === 'REMOVED'
          ? field(
              'f-removed',
              'Motivo dello stralcio',
              <input
                id="f-removed"
                className="form-control"
                required
                value={removedReason}
                onChange={(e) => setRemovedReason(e.target.value)}
              />,
              true,
            )
          : null}
        {field(
          'f-implementation',
          'Stato di attuazione',
          <select
            id="f-implementation"
            className="form-select"
            value={implementation}
            onChange={(e) => setImplementation(e.target.value as ImplementationState)}
          >
            {Object.entries(IMPLEMENTATION_LABEL).map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>,
        )}
        <div className="col-6 col-md-3">
          <label htmlFor="f-start" className="form-label">
            Inizio (es. 2026-S1)
          </label>
          <input
            id="f-start"
            className="form-control"
            value={startPeriod}
            onChange={(e) => setStart(e.target.value)}
          />
        </div>
        <div className="col-6 col-md-3">
          <label htmlFor="f-end" className="form-label">
            Fine (es. 2027-S2)
          </label>
          <input
            id="f-end"
            className="form-control"
            value={endPeriod}
            onChange={(e) => setEnd(e.target.value)}
          />
        </div>
        {field(
          'f-lines',
          `Linee del Piano Triennale ${EDITION} (codici)`,
          <input
            id="f-lines"
            className="form-control"
            value={lines}
            onChange={(e) => setLines(e.target.value)}
          />,
          true,
        )}
      </div>

      <CostsFieldset costs={costs} setCosts={setCosts} />
      <FundingFieldset funding={funding} setFunding={setFunding} />

      {members.length > 0 ? (
        <fieldset className="mt-3">
          <legend className="h6">Comuni interessati (nessuno scelto: tutto il consorzio)</legend>
          <div className="d-flex flex-wrap gap-3">
            {members.map((m) => (
              <div key={m.id} className="form-check">
                <input
                  id={`comune-${m.id}`}
                  type="checkbox"
                  className="form-check-input"
                  checked={comuni.includes(m.id)}
                  onChange={(e) =>
                    setComuni(e.target.checked ? [...comuni, m.id] : comuni.filter((x) => x !== m.id))
                  }
                />
                <label htmlFor={`comune-${m.id}`} className="form-check-label">
                  {m.name}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
      ) : null}

      <button type="submit" className="btn btn-primary mt-3" disabled={state.fetching}>
        Salva la scheda
      </button>
      <p role="status" className="small mt-2 mb-0">
        {saved ? 'Scheda salvata.' : ''}
      </p>
    </form>
  );
}
