import { ErrorNotice } from '../../../components/Feedback';
import { EXPORT_LABEL, PIANO_DOWNLOAD_LABEL as D } from '../../../lib/i18n';
import { useExportFile } from '../../exports/lib/use-export-file';

const KINDS = [
  { kind: 'PIANO_PDF', label: D.PIANO_PDF },
  { kind: 'PIANO_DOCX', label: D.PIANO_DOCX },
] as const;

/**
 * "Scarica il Piano (PDF)" and "(DOCX)": the version as the document the mayors approve (cover,
 * index, quadro riassuntivo, a page per scheda, indicators, Gantt), built by the worker like the
 * other files; the DOCX is the same, editable in Word or LibreOffice.
 */
export function PianoDownloads({ versionId }: { versionId: string }) {
  const { run, busy, error, done, progress } = useExportFile();
  return (
    <section className="rtd-exports mb-3" aria-label={D.region}>
      <div className="d-flex flex-wrap gap-2">
        {KINDS.map(({ kind, label }) => (
          <button
            key={kind}
            type="button"
            className="btn btn-outline-primary btn-sm"
            disabled={busy !== null}
            onClick={() => void run({ kind, pianoVersionId: versionId })}
          >
            {busy === kind ? EXPORT_LABEL.working : label}
          </button>
        ))}
      </div>
      <p className="small mt-2 mb-0" role="status">
        {progress !== null ? EXPORT_LABEL.progress(progress) : done}
      </p>
      {error ? <ErrorNotice error={error} /> : null}
    </section>
  );
}
