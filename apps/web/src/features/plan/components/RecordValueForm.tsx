import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { ErrorNotice } from '../../../components/Feedback';
import type { IndicatorFrequency, IndicatorKind } from '../../../gql/graphql';
import { toAppError } from '../../../lib/errors';
import { RecordIndicatorValueMutation } from '../api/scheda';

const HINT: Record<IndicatorFrequency, string> = {
  SEMIANNUAL: 'es. 2026-S1',
  QUARTERLY: 'es. 2026-Q1',
  ANNUAL: 'es. 2026-A',
};

/**
 * Records a value of an indicator for a period: the office for the consortium, or for a member
 * comune when each comune measures it (a comune's referent does the same on its Attività page).
 * Values are kept: a new one for the same period replaces the old as the current value.
 */
export function RecordValueForm({
  indicator,
  comuni,
  fixedComuneId,
  onDone,
}: {
  indicator: {
    id: string;
    name: string;
    kind: IndicatorKind;
    frequency: IndicatorFrequency;
    measuredByComune: boolean;
  };
  comuni: { id: string; name: string }[];
  /** The comune the value is for, when the page is the comune's (its Attività page). */
  fixedComuneId?: string;
  onDone: () => void;
}) {
  const p = `val-${indicator.id}`;
  const [period, setPeriod] = useState('');
  const [value, setValue] = useState('');
  const [comuneId, setComuneId] = useState('');
  const [note, setNote] = useState('');
  const [state, record] = useMutation(RecordIndicatorValueMutation);
  const [saved, setSaved] = useState(false);
  const appError = toAppError(state.error);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const res = await record({
      input: {
        indicatorId: indicator.id,
        period,
        value: indicator.kind === 'YES_NO' ? Number(value) : Number(value.replace(',', '.')),
        comuneId: fixedComuneId ?? (comuneId || null),
        note: note || null,
      },
    });
    if (!res.error) {
      setValue('');
      setNote('');
      setSaved(true);
      onDone();
    }
  };
  return (
    <form onSubmit={submit} className="border rounded p-3 mb-3" aria-labelledby={`${p}-title`}>
      <h4 id={`${p}-title`} className="h6">
        Registra un valore di «{indicator.name}»
      </h4>
      {appError ? <ErrorNotice error={appError} /> : null}
      <div className="row g-2">
        <div className="col-6 col-md-3">
          <label htmlFor={`${p}-period`} className="form-label">
            Periodo ({HINT[indicator.frequency]})
          </label>
          <input
            id={`${p}-period`}
            className="form-control"
            required
            value={period}
            onChange={(e) => setPeriod(e.target.value.toUpperCase())}
          />
        </div>
        <div className="col-6 col-md-3">
          <label htmlFor={`${p}-value`} className="form-label">
            Valore
          </label>
          {indicator.kind === 'YES_NO' ? (
            <select
              id={`${p}-value`}
              className="form-select"
              required
              value={value}
              onChange={(e) => setValue(e.target.value)}
            >
              <option value="">Scegli</option>
              <option value="1">Sì</option>
              <option value="0">No</option>
            </select>
          ) : (
            <input
              id={`${p}-value`}
              className="form-control"
              inputMode="decimal"
              required
              value={value}
              onChange={(e) => setValue(e.target.value)}
            />
          )}
        </div>
        {indicator.measuredByComune && !fixedComuneId && comuni.length > 0 ? (
          <div className="col-12 col-md-6">
            <label htmlFor={`${p}-comune`} className="form-label">
              Comune
            </label>
            <select
              id={`${p}-comune`}
              className="form-select"
              required
              value={comuneId}
              onChange={(e) => setComuneId(e.target.value)}
            >
              <option value="">Scegli il Comune</option>
              {comuni.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="col-12">
          <label htmlFor={`${p}-note`} className="form-label">
            Nota (facoltativa)
          </label>
          <input
            id={`${p}-note`}
            className="form-control"
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
        </div>
      </div>
      <button type="submit" className="btn btn-primary btn-sm mt-2" disabled={state.fetching}>
        Registra il valore
      </button>
      <p role="status" className="small mt-2 mb-0">
        {saved ? 'Valore registrato.' : ''}
      </p>
    </form>
  );
}
