import { useState } from 'react';
import { useMutation } from 'urql';
import { ErrorNotice } from '../../../components/Feedback';
import { toAppError } from '../../../lib/errors';
import { RemindAssignmentMutation } from '../api/assignment';

/**
 * "Sollecita": the office reminds the comune of this activity by e-mail, at most once a day (the
 * server decides whether it may: Assignment.canRemind); recorded in the history.
 */
export function RemindPanel({
  assignmentId,
  canRemind,
  onSent,
}: {
  assignmentId: string;
  canRemind: boolean;
  onSent: () => void;
}) {
  const [state, remind] = useMutation(RemindAssignmentMutation);
  const [sent, setSent] = useState(false);
  const error = toAppError(state.error ?? null);
  const send = async () => {
    const result = await remind({ id: assignmentId });
    if (!result.error) {
      setSent(true);
      onSent();
    }
  };
  return (
    <section aria-labelledby="sollecito-titolo" className="mb-4">
      <h2 id="sollecito-titolo" className="h4">
        Sollecito
      </h2>
      <p>
        Il Comune riceve un’e-mail che gli ricorda di completare la rendicontazione. Si può sollecitare
        un’attività una volta al giorno; il sollecito resta nella cronologia.
      </p>
      {error ? <ErrorNotice error={error} /> : null}
      <div role="status" aria-live="polite">
        {sent ? (
          <p className="text-success fw-semibold">Sollecito inviato: il Comune riceverà un’e-mail.</p>
        ) : null}
      </div>
      {canRemind ? (
        <button
          type="button"
          className="btn btn-outline-primary"
          disabled={state.fetching}
          onClick={() => void send()}
        >
          Sollecita il Comune
        </button>
      ) : null}
    </section>
  );
}
