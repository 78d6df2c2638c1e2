import { useEffect, useId, useRef } from 'react';
import { ErrorNotice } from '../../../components/Feedback';
import type { AppError } from '../../../lib/errors';
import { REVOKE_LABEL as L } from '../../../lib/i18n';

export interface RevokeTarget {
  membershipId: string;
  /** "Francesca Villa (VLLFNC90M48F205H)" */
  who: string;
  /** "Consultazione del Comune" */
  roleLabel: string;
  /** "Comune di Pandino", or the office */
  where: string;
}

/**
 * "Revocare il ruolo?": a modal <dialog> (the browser keeps focus inside and Escape cancels);
 * the safe answer, "Annulla", has the focus when it opens.
 */
export function RevokeDialog({
  target,
  busy,
  error,
  onConfirm,
  onCancel,
}: {
  target: RevokeTarget | null;
  busy: boolean;
  error: AppError | null;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const ids = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (target && !d.open) {
      d.showModal();
      cancel.current?.focus();
    } else if (!target && d.open) d.close();
  }, [target]);

  return (
    <dialog
      ref={dialog}
      aria-labelledby={`${ids}-title`}
      aria-describedby={`${ids}-text`}
      className="rtd-panel shadow"
      style={{ maxWidth: 'min(34rem, calc(100vw - 2rem))', padding: '1.5rem' }}
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onCancel();
      }}
    >
      {target ? (
        <>
          <h2 id={`${ids}-title`} className="h4">
            {L.title}
          </h2>
          <p id={`${ids}-text`}>{L.text(target.who, target.roleLabel, target.where)}</p>
          {error ? <ErrorNotice error={error} /> : null}
          <div className="d-flex flex-wrap gap-2 justify-content-end">
            <button
              ref={cancel}
              type="button"
              className="btn btn-outline-primary"
              onClick={onCancel}
              disabled={busy}
            >
              {L.cancel}
            </button>
            <button type="button" className="btn btn-danger" onClick={onConfirm} disabled={busy}>
              {L.confirm}
            </button>
          </div>
        </>
      ) : null}
    </dialog>
  );
}
