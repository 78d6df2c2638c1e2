import { useId, useState } from 'react';
import { useMutation } from 'urql';
import { EmptyState, ErrorNotice } from '../../../components/Feedback';
import { useAuth } from '../../../lib/auth';
import { formatDateTime } from '../../../lib/dates';
import { toAppError, type AppError } from '../../../lib/errors';
import { EVIDENCE_FORM_LABEL as L, EVIDENCE_LABEL, formatBytes } from '../../../lib/i18n';
import { RemoveEvidenceMutation } from '../api/assignment';
import { saveEvidenceFile } from '../api/evidence-files';
import { EvidenceForm } from './EvidenceForm';
import { EvidenceReplaceForm } from './EvidenceReplaceForm';
import type { AssignmentDetail } from './types';

type Evidence = AssignmentDetail['evidence'][number];

/**
 * The evidence list (links, notes, files with their size and SHA-256), removal and replacement
 * (a new file, an edited link or note) while the report is open (the same right as adding:
 * ADD_EVIDENCE), what was removed or replaced and by whom, and the form.
 */
export function EvidenceSection({
  assignment,
  canAdd,
  reload,
}: {
  assignment: AssignmentDetail;
  canAdd: boolean;
  reload: () => void;
}) {
  const ids = useId();
  const [error, setError] = useState<AppError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <section aria-labelledby={`${ids}-title`} className="mb-4 rtd-panel">
      <h2 id={`${ids}-title`} className="h4">
        {L.title}
      </h2>
      {error ? <ErrorNotice error={error} /> : null}
      {notice ? (
        <div className="alert alert-success" role="status">
          {notice}
        </div>
      ) : null}
      {assignment.evidence.length === 0 ? (
        <EmptyState title={L.emptyTitle}>{canAdd ? L.emptyWriter : L.emptyReader}</EmptyState>
      ) : (
        <ul className="list-unstyled rtd-evidence">
          {assignment.evidence.map((e) => (
            <EvidenceItem
              key={e.id}
              evidence={e}
              assignmentId={assignment.id}
              canRemove={canAdd}
              onError={setError}
              onChanged={(message) => {
                setError(null);
                setNotice(message);
                reload();
              }}
            />
          ))}
        </ul>
      )}
      {assignment.removedEvidence.length > 0 ? (
        <details className="mb-3">
          <summary>
            {EVIDENCE_LABEL.removed} ({assignment.removedEvidence.length})
          </summary>
          <ul className="list-unstyled mt-2">
            {assignment.removedEvidence.map((e) => (
              <li key={e.id} className="mb-2">
                <span className="rtd-prewrap">
                  <del>{e.fileName ?? e.url ?? e.description}</del>
                </span>
                <div className="small text-muted">
                  {EVIDENCE_LABEL[e.kind]}
                  {e.size != null ? ` · ${formatBytes(e.size)}` : ''} · {EVIDENCE_LABEL.removedBy}{' '}
                  {e.removedBy?.displayName ?? '—'} · {e.removedAt ? formatDateTime(e.removedAt) : ''}
                </div>
                {e.sha256 ? <Sha256 value={e.sha256} /> : null}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {canAdd ? (
        <EvidenceForm
          assignmentId={assignment.id}
          onDone={(message) => {
            setError(null);
            setNotice(message);
            reload();
          }}
        />
      ) : null}
    </section>
  );
}

function EvidenceItem({
  evidence: e,
  assignmentId,
  canRemove,
  onError,
  onChanged,
}: {
  evidence: Evidence;
  assignmentId: string;
  canRemove: boolean;
  onError: (error: AppError | null) => void;
  onChanged: (message: string) => void;
}) {
  const auth = useAuth();
  const [confirming, setConfirming] = useState(false);
  const [replacing, setReplacing] = useState(false);
  const [state, remove] = useMutation(RemoveEvidenceMutation);
  const name = e.fileName ?? e.url ?? e.description;
  const download = async () => {
    if (!e.downloadUrl || !e.fileName) return;
    onError(await saveEvidenceFile(e.downloadUrl, e.fileName, auth.accessToken()));
  };
  const onRemove = async () => {
    const result = await remove({ id: e.id });
    setConfirming(false);
    const failure = toAppError(result.error);
    if (failure) onError(failure);
    else onChanged(EVIDENCE_LABEL.removedDone);
  };
  const replaceVerb = e.kind === 'FILE' ? EVIDENCE_LABEL.replace : EVIDENCE_LABEL.edit;
  return (
    <li className="mb-3">
      {e.kind === 'URL' && e.url ? (
        <a href={e.url} target="_blank" rel="noopener noreferrer">
          {e.description}
          <span className="visually-hidden">{L.newTab}</span>
        </a>
      ) : e.kind === 'FILE' && e.fileName ? (
        <>
          <button type="button" className="btn btn-link p-0 text-start rtd-prewrap" onClick={download}>
            {EVIDENCE_LABEL.download} {e.fileName}
          </button>
          {e.description !== e.fileName ? <div className="rtd-prewrap">{e.description}</div> : null}
        </>
      ) : (
        <span className="rtd-prewrap">{e.description}</span>
      )}
      <div className="small text-muted">
        {EVIDENCE_LABEL[e.kind]}
        {e.size != null ? ` · ${formatBytes(e.size)}` : ''} · {e.addedBy?.displayName ?? '—'} ·{' '}
        {formatDateTime(e.addedAt)}
      </div>
      {e.sha256 ? <Sha256 value={e.sha256} /> : null}
      {canRemove && replacing ? (
        <EvidenceReplaceForm
          evidence={e}
          assignmentId={assignmentId}
          onCancel={() => setReplacing(false)}
          onDone={() => {
            setReplacing(false);
            onChanged(EVIDENCE_LABEL.replacedDone);
          }}
        />
      ) : canRemove ? (
        confirming ? (
          <div className="mt-1" role="group" aria-label={`${EVIDENCE_LABEL.remove} ${name}`}>
            <button
              type="button"
              className="btn btn-danger btn-xs me-2"
              onClick={onRemove}
              disabled={state.fetching}
            >
              {EVIDENCE_LABEL.confirmRemove}
            </button>
            <button
              type="button"
              className="btn btn-outline-secondary btn-xs"
              onClick={() => setConfirming(false)}
            >
              {EVIDENCE_LABEL.cancel}
            </button>
          </div>
        ) : (
          <div className="mt-1">
            <button
              type="button"
              className="btn btn-outline-primary btn-xs me-2"
              aria-label={`${replaceVerb} ${name}`}
              onClick={() => setReplacing(true)}
            >
              {replaceVerb}
            </button>
            <button
              type="button"
              className="btn btn-outline-danger btn-xs"
              aria-label={`${EVIDENCE_LABEL.remove} ${name}`}
              onClick={() => setConfirming(true)}
            >
              {EVIDENCE_LABEL.remove}
            </button>
          </div>
        )
      ) : null}
    </li>
  );
}

function Sha256({ value }: { value: string }) {
  return (
    <div className="small text-muted">
      {EVIDENCE_LABEL.sha256}: <code className="rtd-hash">{value}</code>
    </div>
  );
}
