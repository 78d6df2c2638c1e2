import { useId, useMemo, useState, type ReactNode } from 'react';
import { useMutation } from 'urql';
import { ErrorNotice } from '../../../components/Feedback';
import type { ImportStatusesMutation as ImportResult } from '../../../gql/graphql';
import { errorFor, toAppError, type AppError } from '../../../lib/errors';
import { IMPORT_LABEL, STATUS_LABEL } from '../../../lib/i18n';
import { ImportStatusesMutation } from '../api/exports';

const MAX_BYTES = 2 * 1024 * 1024;

type Report = ImportResult['importStatuses'];

/** The file's bytes as base64, in chunks (a spread of 2 MB would overflow the call stack). */
async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * "Importa gli stati da un file": the monitoring sheet comes back, edited. The server first runs
 * a dry run and answers row by row (changes, errors with row, column and reason); only a clean
 * dry run can be confirmed, and the apply is all or nothing, through the same rules as the
 * buttons of each assignment. Who may import is the server's call (a referent, the RTD office).
 */
export function StatusImport(
  props:
    | { comuneId: string; consortiumId?: undefined; children?: undefined }
    | { consortiumId: string; comuneId?: undefined; children?: ReactNode },
) {
  // One comune's sheet (its referent, or the office on the comune's page), or the consortium's
  // (the office, on the Cruscotto: a heading under the actions' own).
  const scope = props.consortiumId ? { consortiumId: props.consortiumId } : { comuneId: props.comuneId };
  const wide = Boolean(props.consortiumId);
  const Heading = wide ? 'h3' : 'h2';
  const inputId = useId();
  const hintId = useId();
  const [, run] = useMutation(ImportStatusesMutation);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState<'check' | 'apply' | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // The apply touches assignments: the worklist and the scheda reload theirs.
  const applyContext = useMemo(() => ({ additionalTypenames: ['Assignment'] }), []);

  const send = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(dryRun ? 'check' : 'apply');
    setError(null);
    setDone(null);
    try {
      if (file.size > MAX_BYTES) {
        setError({ code: 'BAD_USER_INPUT', field: 'file', message: IMPORT_LABEL.tooBig });
        return;
      }
      const input = { fileName: file.name, contentBase64: await toBase64(file), ...scope, dryRun };
      const result = await run({ input }, dryRun ? undefined : applyContext);
      const answer = result.data?.importStatuses;
      if (result.error || !answer) {
        setReport(null);
        setError(toAppError(result.error) ?? errorFor('UNKNOWN'));
        return;
      }
      setReport(answer);
      if (!dryRun)
        setDone(answer.applied ? IMPORT_LABEL.applied(answer.changes.length) : IMPORT_LABEL.notApplied);
    } catch {
      setError(errorFor('NETWORK'));
    } finally {
      setBusy(null);
    }
  };

  const reset = () => {
    setReport(null);
    setDone(null);
    setError(null);
  };
  const canConfirm = report?.dryRun && report.errors.length === 0 && report.changes.length > 0;

  return (
    <section className="rtd-import mb-4" aria-labelledby={`${inputId}-title`}>
      <Heading className={wide ? 'h5' : 'h6'} id={`${inputId}-title`}>
        {wide ? IMPORT_LABEL.consortiumRegion : IMPORT_LABEL.region}
      </Heading>
      {wide ? <div className="mb-2">{props.children}</div> : null}
      <p className="small text-secondary" id={hintId}>
        {wide ? IMPORT_LABEL.consortiumHint : IMPORT_LABEL.hint}
      </p>
      <div className="d-flex flex-wrap align-items-end gap-2">
        <div>
          <label htmlFor={inputId} className="form-label small mb-1 d-block">
            {IMPORT_LABEL.file}
          </label>
          <input
            id={inputId}
            type="file"
            className="form-control form-control-sm"
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            aria-describedby={hintId}
            disabled={busy !== null}
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              reset();
            }}
          />
        </div>
        <button
          type="button"
          className="btn btn-outline-primary btn-sm"
          disabled={!file || busy !== null}
          onClick={() => void send(true)}
        >
          {busy === 'check' ? IMPORT_LABEL.checking : IMPORT_LABEL.check}
        </button>
      </div>
      {error ? <ErrorNotice error={error} /> : null}
      <p className="small mt-2 mb-0" role="status">
        {done ??
          (report
            ? `${IMPORT_LABEL.summary(report.rowsRead, report.changes.length, report.errors.length)}${
                report.changes.length === 0 && report.errors.length === 0
                  ? ` ${IMPORT_LABEL.noChanges(report.unchanged)}`
                  : ''
              }`
            : null)}
      </p>
      {report && report.changes.length > 0 ? (
        <div className="table-responsive mt-2">
          <table className="table table-sm">
            <caption>{IMPORT_LABEL.changesCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{IMPORT_LABEL.row}</th>
                <th scope="col">{IMPORT_LABEL.comune}</th>
                <th scope="col">{IMPORT_LABEL.line}</th>
                <th scope="col">{IMPORT_LABEL.status}</th>
                <th scope="col">{IMPORT_LABEL.progress}</th>
                <th scope="col">{IMPORT_LABEL.issues}</th>
              </tr>
            </thead>
            <tbody>
              {report.changes.map((change) => (
                <tr key={change.assignmentId}>
                  <td>{change.sheet ? `${change.sheet}, ${change.row}` : change.row}</td>
                  <td>{change.comuneName}</td>
                  <td>{change.lineCode}</td>
                  <td>
                    {STATUS_LABEL[change.fromStatus]} → {STATUS_LABEL[change.toStatus]}
                  </td>
                  <td>
                    {change.fromProgress}% → {change.toProgress}%
                  </td>
                  <td>{change.issuesChanged ? IMPORT_LABEL.issuesChanged : IMPORT_LABEL.issuesUnchanged}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {report && report.errors.length > 0 ? (
        <div className="table-responsive mt-2">
          <table className="table table-sm">
            <caption>{IMPORT_LABEL.errorsCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{IMPORT_LABEL.sheet}</th>
                <th scope="col">{IMPORT_LABEL.row}</th>
                <th scope="col">{IMPORT_LABEL.column}</th>
                <th scope="col">{IMPORT_LABEL.reason}</th>
              </tr>
            </thead>
            <tbody>
              {report.errors.map((e, i) => (
                <tr key={`${e.sheet}-${e.row}-${i}`}>
                  <td>{e.sheet ?? '—'}</td>
                  <td>{e.row}</td>
                  <td>{e.column ?? '—'}</td>
                  <td>{e.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="small">{IMPORT_LABEL.blockedByErrors}</p>
        </div>
      ) : null}
      {canConfirm ? (
        <div className="d-flex gap-2">
          <button
            type="button"
            className="btn btn-primary btn-sm"
            disabled={busy !== null}
            onClick={() => void send(false)}
          >
            {busy === 'apply' ? IMPORT_LABEL.applying : IMPORT_LABEL.confirm(report.changes.length)}
          </button>
          <button
            type="button"
            className="btn btn-outline-secondary btn-sm"
            disabled={busy !== null}
            onClick={reset}
          >
            {IMPORT_LABEL.cancel}
          </button>
        </div>
      ) : null}
    </section>
  );
}
