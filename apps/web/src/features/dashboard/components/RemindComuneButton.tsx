import { useState } from 'react';
import { useMutation } from 'urql';
import { toAppError } from '../../../lib/errors';
import { REMIND_LABEL as R } from '../../../lib/i18n';
import { RemindComuneMutation } from '../api/dashboard';

/**
 * "Sollecita" on a laggard comune: every open activity of it not yet reminded today, one e-mail
 * to its people (the server records each in its history and refuses a second one the same day).
 */
export function RemindComuneButton({
  consortiumId,
  comuneId,
  comuneName,
}: {
  consortiumId: string;
  comuneId: string;
  comuneName: string;
}) {
  const [state, remind] = useMutation(RemindComuneMutation);
  const [outcome, setOutcome] = useState<string | null>(null);
  const send = async () => {
    const result = await remind({ consortiumId, comuneId });
    const error = toAppError(result.error ?? null);
    if (error) setOutcome(error.message);
    else {
      const n = result.data?.remindComune ?? 0;
      setOutcome(R.reminded(n));
    }
  };
  return (
    <span role="status" aria-live="polite">
      {outcome ?? (
        <button
          type="button"
          className="btn btn-sm btn-outline-primary"
          disabled={state.fetching}
          aria-label={R.remindComuneOf(comuneName)}
          onClick={() => void send()}
        >
          {R.remind}
        </button>
      )}
    </span>
  );
}
