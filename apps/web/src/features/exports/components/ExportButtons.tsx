import { useEffect, useRef, useState } from 'react';
import { useClient, useMutation } from 'urql';
import { ErrorNotice } from '../../../components/Feedback';
import type { ExportKind } from '../../../gql/graphql';
import { useAuth } from '../../../lib/auth';
import { errorFor, toAppError, type AppError } from '../../../lib/errors';
import { EXPORT_LABEL } from '../../../lib/i18n';
import { ExportJobQuery, RequestExportMutation } from '../api/exports';
import { saveSignedFile } from '../lib/save-signed-file';

export type ExportScope = { comuneId: string } | { consortiumId: string };

/** How often the state of a file being built is asked for. */
const POLL_EVERY_MS = 1000;

const wait = (ms: number) => new Promise((resolve) => window.setTimeout(resolve, ms));

/**
 * "Scarica la scheda (PDF)" and "Scarica il monitoraggio (XLSX)": the server queues the file and
 * the worker builds it; the button asks for its state every second ("In preparazione… NN%") until
 * it is ready, with a link signed for this person that lives a few minutes; the browser fetches it
 * with the person's token and saves it. Whether the person may have it is the server's call.
 */
export function ExportButtons({ scope }: { scope: ExportScope }) {
  const auth = useAuth();
  const [, request] = useMutation(RequestExportMutation);
  const [busy, setBusy] = useState<ExportKind | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const whole = 'consortiumId' in scope;

  const client = useClient();
  const [progress, setProgress] = useState<number | null>(null);
  // Polling stops when the page goes away.
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = async (kind: ExportKind) => {
    setBusy(kind);
    setError(null);
    setDone(null);
    setProgress(null);
    try {
      const result = await request({ input: { kind, ...scope } });
      let job = result.data?.requestExport;
      if (result.error || !job) {
        setError(toAppError(result.error) ?? errorFor('UNKNOWN'));
        return;
      }
      while (job.state === 'QUEUED' || job.state === 'RUNNING') {
        setProgress(job.progress);
        await wait(POLL_EVERY_MS);
        if (!mounted.current) return;
        const polled = await client
          .query(ExportJobQuery, { id: job.id }, { requestPolicy: 'network-only' })
          .toPromise();
        if (polled.error || !polled.data?.exportJob) {
          setError(toAppError(polled.error) ?? errorFor('UNKNOWN'));
          return;
        }
        job = polled.data.exportJob;
      }
      setProgress(null);
      if (job.state !== 'COMPLETED' || !job.downloadUrl) {
        setError({ ...errorFor('UNKNOWN'), message: EXPORT_LABEL.failed });
        return;
      }
      const failed = await saveSignedFile(job.downloadUrl, job.fileName ?? 'file', auth.accessToken());
      if (failed) {
        setError(failed);
        return;
      }
      setDone(EXPORT_LABEL.done(job.fileName ?? ''));
    } catch {
      setError(errorFor('NETWORK'));
    } finally {
      if (mounted.current) {
        setBusy(null);
        setProgress(null);
      }
    }
  };

  return (
    <section className="rtd-exports mb-4" aria-label={EXPORT_LABEL.region}>
      <div className="d-flex flex-wrap gap-2">
        <button
          type="button"
          className="btn btn-outline-primary btn-sm"
          disabled={busy !== null}
          onClick={() => void run('SCHEDA_COMUNE_PDF')}
        >
          {busy === 'SCHEDA_COMUNE_PDF'
            ? EXPORT_LABEL.working
            : whole
              ? EXPORT_LABEL.schedeAll
              : EXPORT_LABEL.scheda}
        </button>
        <button
          type="button"
          className="btn btn-outline-primary btn-sm"
          disabled={busy !== null}
          onClick={() => void run('MONITORING_XLSX')}
        >
          {busy === 'MONITORING_XLSX'
            ? EXPORT_LABEL.working
            : whole
              ? EXPORT_LABEL.monitoringAll
              : EXPORT_LABEL.monitoring}
        </button>
      </div>
      <p className="small mt-2 mb-0" role="status">
        {progress !== null ? EXPORT_LABEL.progress(progress) : done}
      </p>
      {error ? <ErrorNotice error={error} /> : null}
    </section>
  );
}
