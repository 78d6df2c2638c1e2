import { Button } from 'design-react-kit';
import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { ErrorNotice } from '../../../components/Feedback';
import { SelectField, TextField } from '../../../components/Fields';
import type { IndicatorFrequency, IndicatorKind } from '../../../gql/graphql';
import { toAppError } from '../../../lib/errors';
import { RECORD_VALUE_LABEL as L } from '../../../lib/i18n';
import { RecordIndicatorValueMutation } from '../api/scheda';

const HINT: Record<IndicatorFrequency, string> = L.hint;

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
        {L.title(indicator.name)}
      </h4>
      {appError ? <ErrorNotice error={appError} /> : null}
      <div className="row g-2">
        <TextField
          id={`${p}-period`}
          label={L.period(HINT[indicator.frequency])}
          className="col-6 col-md-3"
          required
          value={period}
          onChange={(e) => setPeriod(e.target.value.toUpperCase())}
        />
        {indicator.kind === 'YES_NO' ? (
          <SelectField
            id={`${p}-value`}
            label={L.value}
            className="col-6 col-md-3"
            required
            value={value}
            onChange={setValue}
            placeholder={L.choose}
            options={[
              ['1', L.yes],
              ['0', L.no],
            ]}
          />
        ) : (
          <TextField
            id={`${p}-value`}
            label={L.value}
            className="col-6 col-md-3"
            inputMode="decimal"
            required
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        )}
        {indicator.measuredByComune && !fixedComuneId && comuni.length > 0 ? (
          <SelectField
            id={`${p}-comune`}
            label={L.comune}
            className="col-12 col-md-6"
            required
            value={comuneId}
            onChange={setComuneId}
            placeholder={L.chooseComune}
            options={comuni.map((c) => [c.id, c.name] as const)}
          />
        ) : null}
        <TextField
          id={`${p}-note`}
          label={L.note}
          className="col-12"
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </div>
      <Button type="submit" color="primary" size="sm" className="mt-2" disabled={state.fetching}>
        {L.record}
      </Button>
      <p role="status" className="small mt-2 mb-0">
        {saved ? L.recorded : ''}
      </p>
    </form>
  );
}
