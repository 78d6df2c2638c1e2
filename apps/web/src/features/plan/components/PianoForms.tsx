import { Button } from 'design-react-kit';
import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { ErrorNotice } from '../../../components/Feedback';
import { TextField } from '../../../components/Fields';
import type { InterventoAxis, InterventoHorizon } from '../../../gql/graphql';
import { toAppError } from '../../../lib/errors';
import { PIANO_FORM_LABEL as L } from '../../../lib/i18n';
import { ApprovePianoVersionMutation, CreatePianoInterventoMutation } from '../api/plan';
import { AxisHorizonFields, CodeTitleFields, PeriodLinesFields } from './SchedaFields';

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
        {L.approveTitle}
      </h3>
      {appError ? <ErrorNotice error={appError} /> : null}
      <TextField
        id="approvedOn"
        type="date"
        label={L.approvedOn}
        className="mb-2"
        required
        value={approvedOn}
        onChange={(e) => setApprovedOn(e.target.value)}
      />
      <TextField
        id="approvalAct"
        label={L.approvalAct}
        className="mb-2"
        required
        placeholder={L.approvalActExample}
        value={approvalAct}
        onChange={(e) => setApprovalAct(e.target.value)}
      />
      <Button type="submit" color="primary">
        {L.approve}
      </Button>
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
        {L.newTitle}
      </h3>
      {appError ? <ErrorNotice error={appError} /> : null}
      <div className="row g-2">
        <CodeTitleFields prefix="scheda" code={code} title={title} onCode={setCode} onTitle={setTitle} />
        <AxisHorizonFields
          prefix="scheda"
          axis={axis}
          horizon={horizon}
          onAxis={setAxis}
          onHorizon={setHorizon}
          withRemoved={false}
        />
        <PeriodLinesFields
          prefix="scheda"
          edition={EDITION}
          start={startPeriod}
          end={endPeriod}
          lines={lines}
          onStart={setStart}
          onEnd={setEnd}
          onLines={setLines}
        />
      </div>
      <Button type="submit" color="primary" className="mt-3">
        {L.add}
      </Button>
    </form>
  );
}
