import { Alert, Spinner } from 'design-react-kit';
import type { ReactNode } from 'react';
import type { AppError } from '../lib/errors';

export function Loading({ what }: { what: string }) {
  return (
    <div className="d-flex align-items-center gap-3 my-4" role="status" aria-live="polite">
      <Spinner active small />
      <span>Caricamento {what}…</span>
    </div>
  );
}

export function ErrorNotice({ error, children }: { error: AppError; children?: ReactNode }) {
  return (
    <Alert color="danger" role="alert">
      {error.message}
      {children}
    </Alert>
  );
}

/** What is empty, and what to do next. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="rtd-empty callout">
      <div className="callout-title">{title}</div>
      {children ? <p className="mb-0">{children}</p> : null}
    </div>
  );
}
