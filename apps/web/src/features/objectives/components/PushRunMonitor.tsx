import { useEffect, useRef } from 'react';
import { useQuery } from 'urql';
import { PUSH_RUN_LABEL as P, PUSH_STATE_LABEL } from '../../../lib/i18n';
import { PushRunQuery } from '../api/objectives';

/** Follows a push run until it is DONE (or FAILED): "In coda" -> "In corso" -> "Completato". */
export function PushRunMonitor({ runId, onFinished }: { runId: string; onFinished: () => void }) {
  const [{ data }, refetch] = useQuery({
    query: PushRunQuery,
    variables: { id: runId },
    requestPolicy: 'network-only',
  });
  const run = data?.pushRun;
  const finished = run?.state === 'DONE' || run?.state === 'FAILED';
  const told = useRef(false);
  useEffect(() => {
    if (finished) {
      // Once: the page reloads the objective, which must not start this again.
      if (!told.current) {
        told.current = true;
        onFinished();
      }
      return;
    }
    const timer = window.setTimeout(() => refetch({ requestPolicy: 'network-only' }), 700);
    return () => window.clearTimeout(timer);
  }, [data, finished, refetch, onFinished]);
  if (!run) return null;
  return (
    <div
      className={`alert ${run.state === 'FAILED' ? 'alert-danger' : run.state === 'DONE' ? 'alert-success' : 'alert-info'}`}
      role="status"
      aria-live="polite"
    >
      <p className="fw-semibold mb-1">{P.title(PUSH_STATE_LABEL[run.state])}</p>
      <p className="mb-0">{P.counts(run.targeted, run.created, run.skipped)}</p>
      {run.state === 'FAILED' ? <p className="mb-0">{P.failed}</p> : null}
    </div>
  );
}
