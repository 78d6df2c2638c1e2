import type { CatalogImportReport } from './edition-importer';

/** The import's report for the operator, in Italian. */
export function describeImport(report: CatalogImportReport): string {
  const lines = [
    `Edizione ${report.edition}${report.editionCreated ? ' (nuova)' : ''}${report.dryRun ? ' — prova, nessuna modifica salvata' : ''}:`,
  ];
  if (report.registryChanged)
    lines.push('  dati dell’edizione aggiornati (titolo, periodo, fonte o edizione sostituita)');
  if (report.added.length) lines.push(`  aggiunte ${report.added.length} linee: ${report.added.join(', ')}`);
  if (report.changed.length)
    lines.push(`  modificate ${report.changed.length} linee: ${report.changed.join(', ')}`);
  if (report.removed.length)
    lines.push(`  rimosse ${report.removed.length} linee: ${report.removed.join(', ')}`);
  const s = report.successions;
  const nothing =
    !report.added.length &&
    !report.changed.length &&
    !report.removed.length &&
    !report.registryChanged &&
    !report.editionCreated;
  if (nothing && !s?.changed) {
    lines.push(`  nessuna modifica (${report.unchanged} linee già presenti e identiche)`);
  } else {
    lines.push(`  invariate: ${report.unchanged}`);
  }
  if (s && (s.changed || !nothing)) {
    lines.push(
      `  corrispondenze dall'edizione ${s.from}: ${s.links} (${s.reviewed} riviste, ${s.dropped} linee senza seguito)${s.automatic ? ', calcolate ora dallo strumento: da rivedere' : ''}`,
    );
  }
  return lines.join('\n');
}
