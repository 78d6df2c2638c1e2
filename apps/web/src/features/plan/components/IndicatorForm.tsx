import { Button } from 'design-react-kit';
import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { ErrorNotice } from '../../../components/Feedback';
import { SelectField, TextField } from '../../../components/Fields';
import type {
  IndicatorDirection,
  IndicatorFrequency,
  IndicatorKind,
  IndicatorMeasuredBy,
  IndicatorNature,
} from '../../../gql/graphql';
import { toAppError } from '../../../lib/errors';
import { INDICATOR_FORM_LABEL as L } from '../../../lib/i18n';
import { CreateIndicatorMutation, UpdateIndicatorMutation } from '../api/scheda';
import {
  DIRECTION_LABEL,
  FREQUENCY_LABEL,
  KIND_LABEL,
  MEASURED_BY_LABEL,
  NATURE_LABEL,
} from '../../../lib/i18n';

export interface IndicatorDraft {
  id?: string;
  name: string;
  kind: IndicatorKind;
  unit?: string | null;
  source?: string | null;
  direction: IndicatorDirection;
  nature: IndicatorNature;
  baseline?: number | null;
  baselineDate?: string | null;
  frequency: IndicatorFrequency;
  measuredBy: IndicatorMeasuredBy;
  targets: { year: number; value: number }[];
}

const EMPTY: IndicatorDraft = {
  name: '',
  kind: 'NUMBER',
  direction: 'INCREASE',
  nature: 'REALISATION',
  frequency: 'SEMIANNUAL',
  measuredBy: 'OFFICE',
  targets: [],
};

const num = (s: string) => Number(s.replace(',', '.'));

function Select<T extends string>({
  id,
  label,
  value,
  options,
  onChange,
}: {
  id: string;
  label: string;
  value: T;
  options: Record<T, string>;
  onChange: (v: T) => void;
}) {
  return (
    <SelectField
      id={id}
      label={label}
      className="col-12 col-md-4"
      value={value}
      onChange={(v) => onChange(v as T)}
      options={Object.entries(options) as [T, string][]}
    />
  );
}

/**
 * Adds an indicator to a scheda of the draft, or edits one: name, kind and unit, source,
 * direction, realisation or impact, baseline with its date, a target per year of the Piano,
 * frequency and who measures it (the office, or each comune).
 */
export function IndicatorForm({
  interventoId,
  years,
  indicator,
  onDone,
}: {
  interventoId: string;
  years: number[];
  indicator?: IndicatorDraft;
  onDone: () => void;
}) {
  const start = indicator ?? EMPTY;
  const p = indicator?.id ? `ind-${indicator.id}` : 'ind-new';
  const [name, setName] = useState(start.name);
  const [kind, setKind] = useState(start.kind);
  const [unit, setUnit] = useState(start.unit ?? '');
  const [source, setSource] = useState(start.source ?? '');
  const [direction, setDirection] = useState(start.direction);
  const [nature, setNature] = useState(start.nature);
  const [baseline, setBaseline] = useState(start.baseline == null ? '' : String(start.baseline));
  const [baselineDate, setBaselineDate] = useState(start.baselineDate ?? '');
  const [frequency, setFrequency] = useState(start.frequency);
  const [measuredBy, setMeasuredBy] = useState(start.measuredBy);
  const allYears = [...new Set([...years, ...start.targets.map((t) => t.year)])].sort();
  const [targets, setTargets] = useState<Record<number, string>>(() =>
    Object.fromEntries(
      allYears.map((y) => [y, String(start.targets.find((t) => t.year === y)?.value ?? '')]),
    ),
  );
  const [created, create] = useMutation(CreateIndicatorMutation);
  const [updated, update] = useMutation(UpdateIndicatorMutation);
  const appError = toAppError(created.error ?? updated.error);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const input = {
      name,
      kind,
      unit,
      source,
      direction,
      nature,
      baseline: baseline.trim() === '' ? null : num(baseline),
      baselineDate: baselineDate || null,
      frequency,
      measuredBy,
      targets: Object.entries(targets)
        .filter(([, v]) => v.trim() !== '')
        .map(([y, v]) => ({ year: Number(y), value: num(v) })),
    };
    const res = indicator?.id
      ? await update({ id: indicator.id, input })
      : await create({ interventoId, input });
    if (!res.error) {
      if (!indicator?.id) setName('');
      onDone();
    }
  };

  return (
    <form onSubmit={submit} className="border rounded p-3 mb-3" aria-labelledby={`${p}-title`}>
      <h3 id={`${p}-title`} className="h5">
        {indicator?.id ? L.editTitle(indicator.name) : L.newTitle}
      </h3>
      {appError ? <ErrorNotice error={appError} /> : null}
      <div className="row g-2">
        <TextField
          id={`${p}-name`}
          label={L.name}
          className="col-12 col-md-8"
          required
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <Select id={`${p}-kind`} label={L.kind} value={kind} options={KIND_LABEL} onChange={setKind} />
        <TextField
          id={`${p}-unit`}
          label={L.unit}
          className="col-12 col-md-4"
          value={unit}
          onChange={(e) => setUnit(e.target.value)}
        />
        <TextField
          id={`${p}-source`}
          label={L.source}
          className="col-12 col-md-8"
          value={source}
          onChange={(e) => setSource(e.target.value)}
        />
        <Select
          id={`${p}-direction`}
          label={L.direction}
          value={direction}
          options={DIRECTION_LABEL}
          onChange={setDirection}
        />
        <Select
          id={`${p}-nature`}
          label={L.nature}
          value={nature}
          options={NATURE_LABEL}
          onChange={setNature}
        />
        <Select
          id={`${p}-frequency`}
          label={L.frequency}
          value={frequency}
          options={FREQUENCY_LABEL}
          onChange={setFrequency}
        />
        <Select
          id={`${p}-measured`}
          label={L.measuredBy}
          value={measuredBy}
          options={MEASURED_BY_LABEL}
          onChange={setMeasuredBy}
        />
        <TextField
          id={`${p}-baseline`}
          label={L.baseline}
          className="col-6 col-md-4"
          inputMode="decimal"
          value={baseline}
          onChange={(e) => setBaseline(e.target.value)}
        />
        <TextField
          id={`${p}-baseline-date`}
          type="date"
          label={L.baselineDate}
          className="col-6 col-md-4"
          value={baselineDate}
          onChange={(e) => setBaselineDate(e.target.value)}
        />
      </div>
      <fieldset className="mt-2">
        <legend className="h6">
          {L.targets}
          {kind === 'YES_NO' ? L.yesNoTargets : ''}
        </legend>
        <div className="row g-2">
          {allYears.map((y) => (
            <div key={y} className="col-6 col-md-2">
              <label htmlFor={`${p}-target-${y}`} className="form-label">
                {y}
              </label>
              <input
                id={`${p}-target-${y}`}
                className="form-control"
                inputMode="decimal"
                value={targets[y] ?? ''}
                onChange={(e) => setTargets({ ...targets, [y]: e.target.value })}
              />
            </div>
          ))}
        </div>
      </fieldset>
      <Button type="submit" color="primary" className="mt-3">
        {indicator?.id ? L.save : L.add}
      </Button>
    </form>
  );
}
