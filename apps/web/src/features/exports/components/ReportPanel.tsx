import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { useClient, useMutation, useQuery } from 'urql';
import { ErrorNotice } from '../../../components/Feedback';
import { ProgressBar } from '../../../components/ProgressBar';
import type { ExportKind, ReportFormat, ReportFrequency } from '../../../gql/graphql';
import { useAuth } from '../../../lib/auth';
import { formatDate, formatDateTime } from '../../../lib/dates';
import { errorFor, toAppError, type AppError } from '../../../lib/errors';
import { REPORT_FREQUENCY_LABEL, REPORT_LABEL, REPORT_STATE_LABEL } from '../../../lib/i18n';
import {
  ConsortiumReportsQuery,
  ReportScheduleQuery,
  RequestReportMutation,
  SetReportScheduleMutation,
} from '../api/reports';
import { saveSignedFile } from '../lib/save-signed-file';

const POLL_MS = 2_000;
const LISTED = 10;
const FREQUENCIES: ReportFrequency[] = ['SEMIANNUAL', 'ANNUAL', 'QUARTERLY', 'MONTHLY', 'WEEKLY', 'NONE'];
/** The two ways of generating the report now: PDF first (the one to read), XLSX beside it. */
const GENERATE_BUTTONS: { kind: ExportKind; style: string; label: string }[] = [
  { kind: 'CONSORTIUM_REPORT_PDF', style: 'btn-primary', label: REPORT_LABEL.generatePdf },
  { kind: 'CONSORTIUM_REPORT_XLSX', style: 'btn-outline-primary', label: REPORT_LABEL.generateXlsx },
];

/**
 * "Relazione periodica" on the dashboard: generate the consortium's report (PDF or XLSX), follow
 * the worker's progress (polled every 2 s while one is queued or running), download the ready
 * ones; and, when the server says the caller may (the RTD), set the schedule.
 */
export function ReportPanel({ consortiumId }: { consortiumId: string }) {
  const auth = useAuth();
  const client = useClient();
  const variables = useMemo(() => ({ consortiumId, first: LISTED }), [consortiumId]);
  const [reports, refetch] = useQuery({ query: ConsortiumReportsQuery, variables });
  const [, requestReport] = useMutation(RequestReportMutation);
  const [busy, setBusy] = useState<ExportKind | null>(null);
  const [downloading, setDownloading] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [commentary, setCommentary] = useState('');

  const list = useMemo(() => reports.data?.consortiumReports ?? [], [reports.data]);
  // The RTD's mail links to /cruscotto?relazione=<id>: that report is marked and the panel shown.
  const [params] = useSearchParams();
  const linked = params.get('relazione');
  const section = useRef<HTMLElement>(null);
  const hasLinked = list.some((r) => r.id === linked);
  useEffect(() => {
    if (hasLinked) section.current?.scrollIntoView({ block: 'start' });
  }, [hasLinked]);
  const working = list.some((r) => r.state === 'QUEUED' || r.state === 'RUNNING');
  useEffect(() => {
    if (!working) return;
    const timer = window.setInterval(() => refetch({ requestPolicy: 'network-only' }), POLL_MS);
    return () => window.clearInterval(timer);
  }, [working, refetch]);

  const generate = async (kind: ExportKind) => {
    setBusy(kind);
    setError(null);
    setNotice(null);
    const text = commentary.trim();
    const result = await requestReport({
      input: { kind, consortiumId, ...(text ? { commentary: text } : {}) },
    });
    setBusy(null);
    if (result.error || !result.data) {
      setError(toAppError(result.error) ?? errorFor('UNKNOWN'));
      return;
    }
    setCommentary('');
    setNotice(REPORT_LABEL.queued);
    refetch({ requestPolicy: 'network-only' });
  };

  /** A fresh link (they live minutes), fetched with the person's token, then saved. */
  const download = async (id: string) => {
    setDownloading(id);
    setError(null);
    try {
      const fresh = await client
        .query(ConsortiumReportsQuery, variables, { requestPolicy: 'network-only' })
        .toPromise();
      const report = fresh.data?.consortiumReports?.find((r) => r.id === id);
      if (fresh.error || !report?.downloadUrl) {
        setError(toAppError(fresh.error) ?? errorFor('NOT_FOUND'));
        return;
      }
      const failed = await saveSignedFile(
        report.downloadUrl,
        report.fileName ?? 'relazione',
        auth.accessToken(),
      );
      if (failed) setError(failed);
    } catch {
      setError(errorFor('NETWORK'));
    } finally {
      setDownloading(null);
    }
  };

  const listError = toAppError(reports.error);
  return (
    <section ref={section} className="rtd-report mb-4" aria-labelledby="rtd-report-title">
      <h2 id="rtd-report-title" className="h4">
        {REPORT_LABEL.region}
      </h2>
      <p>{REPORT_LABEL.intro}</p>
      <div className="mb-2">
        <label htmlFor="rtd-report-commentary" className="form-label">
          {REPORT_LABEL.commentary}
        </label>
        <textarea
          id="rtd-report-commentary"
          className="form-control"
          rows={3}
          maxLength={4000}
          value={commentary}
          onChange={(e) => setCommentary(e.target.value)}
          aria-describedby="rtd-report-commentary-hint"
        />
        <div id="rtd-report-commentary-hint" className="form-text">
          {REPORT_LABEL.commentaryHint}
        </div>
      </div>
      <div className="d-flex flex-wrap gap-2">
        {GENERATE_BUTTONS.map(({ kind, style, label }) => (
          <button
            key={kind}
            type="button"
            className={`btn ${style} btn-sm`}
            disabled={busy !== null}
            onClick={() => void generate(kind)}
          >
            {busy === kind ? REPORT_LABEL.requesting : label}
          </button>
        ))}
      </div>
      <p className="small mt-2 mb-2" role="status">
        {notice}
      </p>
      {error ? <ErrorNotice error={error} /> : null}
      {listError ? <ErrorNotice error={listError} /> : null}

      {list.length === 0 ? (
        reports.fetching ? null : (
          <p className="small">{REPORT_LABEL.none}</p>
        )
      ) : (
        <div className="table-responsive">
          <table className="table table-sm align-middle">
            <caption>{REPORT_LABEL.listCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{REPORT_LABEL.requestedAt}</th>
                <th scope="col">{REPORT_LABEL.format}</th>
                <th scope="col">{REPORT_LABEL.state}</th>
                <th scope="col">{REPORT_LABEL.keptUntil}</th>
                <th scope="col">{REPORT_LABEL.file}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((r) => {
                const when = formatDateTime(r.requestedAt);
                return (
                  <tr
                    key={r.id}
                    className={r.id === linked ? 'rtd-report-linked' : undefined}
                    aria-current={r.id === linked ? 'true' : undefined}
                  >
                    <td>{when}</td>
                    <td>{r.kind === 'CONSORTIUM_REPORT_XLSX' ? 'XLSX' : 'PDF'}</td>
                    <td>
                      <span>{REPORT_STATE_LABEL[r.state](r.progress)}</span>
                      {r.state === 'QUEUED' || r.state === 'RUNNING' ? (
                        <ProgressBar value={r.progress} label={REPORT_LABEL.progressOf(when)} />
                      ) : null}
                    </td>
                    <td>{formatDate(r.expiresAt)}</td>
                    <td>
                      {r.state === 'COMPLETED' ? (
                        <button
                          type="button"
                          className="btn btn-outline-primary btn-xs"
                          aria-label={REPORT_LABEL.downloadOf(when)}
                          disabled={downloading !== null}
                          onClick={() => void download(r.id)}
                        >
                          {downloading === r.id ? REPORT_LABEL.downloading : REPORT_LABEL.download}
                        </button>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <ReportSchedule consortiumId={consortiumId} />
    </section>
  );
}

/** The next scheduled report for the whole office; the form for whoever the server lets edit it. */
function ReportSchedule({ consortiumId }: { consortiumId: string }) {
  const [schedule] = useQuery({ query: ReportScheduleQuery, variables: { consortiumId } });
  const [saving, save] = useMutation(SetReportScheduleMutation);
  const current = saving.data?.setConsortiumReportSchedule ?? schedule.data?.consortiumReportSchedule;
  const [frequency, setFrequency] = useState<ReportFrequency | null>(null);
  const [format, setFormat] = useState<ReportFormat | null>(null);
  const [day, setDay] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  if (!current) return schedule.error ? <ErrorNotice error={toAppError(schedule.error)!} /> : null;

  const shownFrequency = frequency ?? current.frequency;
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const result = await save({
      input: {
        consortiumId,
        frequency: shownFrequency,
        format: format ?? current.format,
        dayOfMonth: Number(day ?? current.dayOfMonth),
      },
    });
    if (!result.error) setSaved(true);
  };
  const saveError = toAppError(saving.error);

  return (
    <div className="mt-3">
      <h3 className="h5">{REPORT_LABEL.scheduleTitle}</h3>
      <p className="mb-2" aria-live="polite">
        {current.nextRunOn ? REPORT_LABEL.next(formatDate(current.nextRunOn)) : REPORT_LABEL.noNext}
      </p>
      {!current.isSet ? <p className="small">{REPORT_LABEL.defaultNote}</p> : null}
      {current.canEdit ? (
        <form className="row g-3 align-items-end" onSubmit={(e) => void onSubmit(e)}>
          <div className="col-12 col-md-4">
            <label htmlFor="rtd-report-frequency" className="form-label">
              {REPORT_LABEL.frequency}
            </label>
            <select
              id="rtd-report-frequency"
              className="form-select"
              value={shownFrequency}
              onChange={(e) => setFrequency(e.target.value as ReportFrequency)}
            >
              {FREQUENCIES.map((f) => (
                <option key={f} value={f}>
                  {REPORT_FREQUENCY_LABEL[f]}
                </option>
              ))}
            </select>
          </div>
          <div className="col-12 col-md-3">
            <label htmlFor="rtd-report-format" className="form-label">
              {REPORT_LABEL.scheduleFormat}
            </label>
            <select
              id="rtd-report-format"
              className="form-select"
              value={format ?? current.format}
              onChange={(e) => setFormat(e.target.value as ReportFormat)}
            >
              <option value="PDF">PDF</option>
              <option value="XLSX">XLSX</option>
            </select>
          </div>
          {shownFrequency !== 'WEEKLY' && shownFrequency !== 'NONE' ? (
            <div className="col-12 col-md-2">
              <label htmlFor="rtd-report-day" className="form-label">
                {REPORT_LABEL.dayOfMonth}
              </label>
              <input
                id="rtd-report-day"
                type="number"
                className="form-control"
                min={1}
                max={28}
                value={day ?? String(current.dayOfMonth)}
                onChange={(e) => setDay(e.target.value)}
              />
            </div>
          ) : null}
          <div className="col-12 col-md-3">
            <button type="submit" className="btn btn-primary" disabled={saving.fetching}>
              {saving.fetching ? REPORT_LABEL.saving : REPORT_LABEL.save}
            </button>
          </div>
          <p className="small col-12 mb-0" role="status">
            {saved ? REPORT_LABEL.saved : null}
          </p>
          {saveError ? (
            <div className="col-12">
              <ErrorNotice error={saveError} />
            </div>
          ) : null}
        </form>
      ) : null}
    </div>
  );
}
