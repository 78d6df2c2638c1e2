import { ErrorNotice } from '../../../components/Feedback';
import { EXPORT_LABEL } from '../../../lib/i18n';
import { useExportFile } from '../lib/use-export-file';

/**
 * «Esporta XLSX» on La Regione: the region's figures as a workbook (REGION_XLSX), for its
 * observer. As the other download buttons: the worker builds it, the button shows «In
 * preparazione… NN%» while polling, then the browser fetches the file by its signed link and saves
 * it («File pronto: …»). Whether the person may have it is the server's call.
 */
export function RegionExportButton({ regionCode }: { regionCode: string }) {
  const { run, busy, error, done, progress } = useExportFile();
  return (
    <section className="rtd-exports mb-4" aria-label={EXPORT_LABEL.region}>
      <p className="small mb-2" id="esporta-regione-aiuto">
        {EXPORT_LABEL.regionHint}
      </p>
      <button
        type="button"
        className="btn btn-outline-primary btn-sm"
        aria-describedby="esporta-regione-aiuto"
        disabled={busy !== null}
        onClick={() => void run({ kind: 'REGION_XLSX', regionCode })}
      >
        {busy === 'REGION_XLSX' ? EXPORT_LABEL.working : EXPORT_LABEL.regionXlsx}
      </button>
      <p className="small mt-2 mb-0" role="status">
        {progress !== null ? EXPORT_LABEL.progress(progress) : done}
      </p>
      {error ? <ErrorNotice error={error} /> : null}
    </section>
  );
}
