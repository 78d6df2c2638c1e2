import { useId, type ReactNode } from 'react';

/** "Are you sure?" in place: the question, the action (focused) and "Annulla". */
export function ConfirmPanel({
  question,
  confirmLabel,
  onConfirm,
  onCancel,
}: {
  question: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const id = useId();
  return (
    <div className="alert alert-warning" role="alertdialog" aria-labelledby={id}>
      <p id={id} className="fw-semibold">
        {question}
      </p>
      <div className="d-flex gap-2">
        <button type="button" className="btn btn-danger" onClick={onConfirm} autoFocus>
          {confirmLabel}
        </button>
        <button type="button" className="btn btn-outline-secondary" onClick={onCancel}>
          Annulla
        </button>
      </div>
    </div>
  );
}
