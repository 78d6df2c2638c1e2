import { Button } from 'design-react-kit';
import { useState } from 'react';
import { useMutation } from 'urql';
import { ErrorNotice } from '../../../components/Feedback';
import { toAppError } from '../../../lib/errors';
import { REMIND_LABEL as R } from '../../../lib/i18n';
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
        {R.title}
      </h2>
      <p>{R.intro}</p>
      {error ? <ErrorNotice error={error} /> : null}
      <div role="status" aria-live="polite">
        {sent ? <p className="text-success fw-semibold">{R.sent}</p> : null}
      </div>
      {canRemind ? (
        <Button type="button" color="primary" outline disabled={state.fetching} onClick={() => void send()}>
          {R.remindComune}
        </Button>
      ) : null}
    </section>
  );
}
