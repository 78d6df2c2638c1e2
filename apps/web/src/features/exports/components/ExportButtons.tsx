import { ErrorNotice } from '../../../components/Feedback';
import { EXPORT_LABEL } from '../../../lib/i18n';
import { useExportFile } from '../lib/use-export-file';

export type ExportScope = { comuneId: string } | { consortiumId: string };

/**
 * "Scarica la scheda (PDF)" and "Scarica il monitoraggio (XLSX)": the server queues the file and
 * the worker builds it; the button asks for its state every second ("In preparazione… NN%") until
 * it is ready, with a link signed for this person that lives a few minutes; the browser fetches it
 * with the person's token and saves it. Whether the person may have it is the server's call.
 */
export function ExportButtons({ scope }: { scope: ExportScope }) {
  const { run: start, busy, error, done, progress } = useExportFile();
  const whole = 'consortiumId' in scope;
  const run = (kind: 'SCHEDA_COMUNE_PDF' | 'MONITORING_XLSX') => start({ kind, ...scope });

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
