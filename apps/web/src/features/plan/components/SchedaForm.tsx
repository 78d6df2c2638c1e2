import { Button } from 'design-react-kit';
import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { ErrorNotice } from '../../../components/Feedback';
import { SelectField, TextAreaField, TextField } from '../../../components/Fields';
import type {
  ImplementationState,
  InterventoAxis,
  InterventoHorizon,
  Level,
  PianoSchedaQuery,
} from '../../../gql/graphql';
import { toAppError } from '../../../lib/errors';
import { PIANO_FORM_LABEL as P, SCHEDA_FIELD_LABEL as L } from '../../../lib/i18n';
import { UpdateInterventoMutation } from '../api/scheda';
import { IMPLEMENTATION_LABEL, LEVEL_LABEL } from '../../../lib/i18n';
import { EDITION } from './PianoForms';
import { AxisHorizonFields, CodeTitleFields, PeriodLinesFields } from './SchedaFields';
import { CostsFieldset, FundingFieldset, type CostRow, type FundingRow } from './SchedaMoneyFields';

type Scheda = PianoSchedaQuery['pianoIntervento'];

const TEXTS = [
  'owner',
  'beneficiaries',
  'problem',
  'description',
  'expectedResults',
  'impact',
  'constraints',
  'externalParties',
  'skills',
] as const;
type TextKey = (typeof TEXTS)[number];

const LEVELS = ['effort', 'benefitDirect', 'benefitIndirect'] as const;

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
  const [texts, setTexts] = useState<Record<TextKey, string>>(
    () => Object.fromEntries(TEXTS.map((k) => [k, scheda[k] ?? ''])) as Record<TextKey, string>,
  );
  const [levels, setLevels] = useState<Record<(typeof LEVELS)[number], Level | ''>>({
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

  return (
    <form onSubmit={submit} className="border rounded p-3 mb-4" aria-labelledby="modifica-scheda">
      <h2 id="modifica-scheda" className="h4">
        {P.editTitle}
      </h2>
      {appError ? <ErrorNotice error={appError} /> : null}
      <div className="row g-2">
        <CodeTitleFields prefix="f" code={code} title={title} onCode={setCode} onTitle={setTitle} wide />
        {TEXTS.map((k) => {
          const short = k === 'owner' || k === 'beneficiaries';
          return (
            <TextAreaField
              key={k}
              id={`f-${k}`}
              label={L[k]}
              className={short ? 'col-12 col-md-6' : 'col-12'}
              rows={short ? 1 : 3}
              value={texts[k]}
              onChange={(e) => setTexts({ ...texts, [k]: e.target.value })}
            />
          );
        })}
        {LEVELS.map((k) => (
          <SelectField
            key={k}
            id={`f-${k}`}
            label={L[k]}
            className="col-12 col-md-4"
            value={levels[k]}
            onChange={(v) => setLevels({ ...levels, [k]: v as Level | '' })}
            placeholder={L.levelUnset}
            options={Object.entries(LEVEL_LABEL)}
          />
        ))}
        <AxisHorizonFields
          prefix="f"
          axis={axis}
          horizon={horizon}
          onAxis={setAxis}
          onHorizon={setHorizon}
          withRemoved
        />
        {horizon === 'REMOVED' ? (
          <TextField
            id="f-removed"
            label={L.removedReason}
            className="col-12"
            required
            value={removedReason}
            onChange={(e) => setRemovedReason(e.target.value)}
          />
        ) : null}
        <SelectField
          id="f-implementation"
          label={L.implementation}
          className="col-12 col-md-6"
          value={implementation}
          onChange={(v) => setImplementation(v as ImplementationState)}
          options={Object.entries(IMPLEMENTATION_LABEL)}
        />
        <PeriodLinesFields
          prefix="f"
          edition={EDITION}
          start={startPeriod}
          end={endPeriod}
          lines={lines}
          onStart={setStart}
          onEnd={setEnd}
          onLines={setLines}
          linesWide
        />
      </div>

      <CostsFieldset costs={costs} setCosts={setCosts} />
      <FundingFieldset funding={funding} setFunding={setFunding} />

      {members.length > 0 ? (
        <fieldset className="mt-3">
          <legend className="h6">{L.comuni}</legend>
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

      <Button type="submit" color="primary" className="mt-3" disabled={state.fetching}>
        {P.save}
      </Button>
      <p role="status" className="small mt-2 mb-0">
        {saved ? P.saved : ''}
      </p>
    </form>
  );
}
