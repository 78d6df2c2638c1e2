import { useEffect, useRef, useState } from 'react';
import { useClient, useMutation } from 'urql';
import type { ExportKind, ExportRequestInput } from '../../../gql/graphql';
import { useAuth } from '../../../lib/auth';
import { errorFor, toAppError, type AppError } from '../../../lib/errors';
import { EXPORT_LABEL } from '../../../lib/i18n';
import { ExportJobQuery, RequestExportMutation } from '../api/exports';
import { saveSignedFile } from './save-signed-file';

/** How often the state of a file being built is asked for. */
const POLL_EVERY_MS = 1000;

const wait = (ms: number) => new Promise((resolve) => window.setTimeout(resolve, ms));

/**
 * Asks for a file the worker builds (requestExport), then for its state every second until it
 * is ready, with a link signed for this person that lives a few minutes; the browser fetches it
 * with the person's token and saves it. `busy` is the kind being built, `progress` its percent,
 * `done` the message once saved. Polling stops when the page goes away.
 */
export function useExportFile() {
  const auth = useAuth();
  const client = useClient();
  const [, request] = useMutation(RequestExportMutation);
  const [busy, setBusy] = useState<ExportKind | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = async (input: ExportRequestInput) => {
    setBusy(input.kind);
    setError(null);
    setDone(null);
    setProgress(null);
    try {
      const result = await request({ input });
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

  return { run, busy, error, done, progress };
}
