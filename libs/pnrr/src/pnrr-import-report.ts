import { PnrrApplicationChange, PnrrImportReport, TableSync } from './pnrr-import.types';

/** What an import (or its dry run) prints for the operator. */
const STATUS_WORD: Record<string, string> = { A: 'assegnata', E: 'erogata', R: 'rinuncia' };
const MAX_LISTED = 20;

function describeChange(change: PnrrApplicationChange): string {
  const status = change.previousStatus
    ? `${STATUS_WORD[change.previousStatus] ?? change.previousStatus} → ${STATUS_WORD[change.status] ?? change.status}`
    : (STATUS_WORD[change.status] ?? change.status);
  return `    ${change.istatCode} ${change.body}: "${change.call}", CUP ${change.cup}, ${change.amount} €, ${status}`;
}

export function describePnrrImport(report: PnrrImportReport): string {
  const line = (label: string, sync: TableSync) =>
    report.dryRun
      ? `  ${label}: ${sync.added} da aggiungere, ${sync.removed} da rimuovere, ${sync.unchanged} invariati`
      : `  ${label}: ${sync.added} aggiunti, ${sync.removed} rimossi, ${sync.unchanged} invariati`;
  const lines = [
    report.dryRun
      ? 'Finanziamenti PNRR (PA digitale 2026), prova senza scrivere (--dry-run): nulla è cambiato.'
      : 'Finanziamenti PNRR (PA digitale 2026):',
    line('misure', report.measures),
    line('avvisi', report.calls),
    line('candidature finanziate', report.applications),
    line('importi per territorio comunale (importi_per_comune.csv)', report.amounts),
    line('collegamenti misura-linea', report.links),
    `  candidature per ente: ${report.attribution.COMUNE} dei comuni, ${report.attribution.SCHOOL} delle scuole, ${report.attribution.OTHER} di altri enti (ASL, unioni, consorzi...)`,
    `  righe di altri enti nei file per misura, lette invece dal file degli altri enti: ${report.leftToOtherBodiesFile}`,
  ];
  if (report.unknownCodes.length) {
    lines.push(
      `  candidature con codice ISTAT assente dal registro (non importate): ${report.unknownCodes.length}`,
    );
  }
  const { added, statusChanged, withdrawn, removed } = report.changes;
  lines.push(
    `  rispetto ai dati presenti: ${added.length} candidature nuove, ${statusChanged.length} con stato cambiato, di cui ${withdrawn.length} rinunciate, ${removed.length} non più nei file`,
  );
  const list = (title: string, changes: PnrrApplicationChange[]) => {
    if (changes.length === 0) return;
    lines.push(`  ${title}:`);
    changes.slice(0, MAX_LISTED).forEach((change) => lines.push(describeChange(change)));
    if (changes.length > MAX_LISTED) lines.push(`    ... e altre ${changes.length - MAX_LISTED}`);
  };
  list('nuove', added);
  list(
    'stato cambiato',
    statusChanged.filter((change) => change.status !== 'R'),
  );
  list('rinunciate', withdrawn);
  list('non più nei file', removed);
  for (const name of report.ambiguousNames) {
    lines.push(
      `  importi_per_comune.csv, riga ${name.line}: "${name.name}" è il nome di più comuni (${name.candidates.join(', ')}): non importato`,
    );
  }
  for (const name of report.unresolvedNames) {
    lines.push(
      `  importi_per_comune.csv, riga ${name.line}: nessun comune si chiama "${name.name}": non importato`,
    );
  }
  return lines.join('\n');
}

/** One line for the demo's start-up log. */
export function summarisePnrrImport(report: PnrrImportReport): string {
  const changed = [report.measures, report.calls, report.applications, report.amounts, report.links].some(
    (sync) => sync.added > 0 || sync.removed > 0,
  );
  return (
    `Finanziamenti PNRR: ${report.amounts.added + report.amounts.unchanged} comuni con importo, ` +
    `${report.applications.added + report.applications.unchanged} candidature finanziate` +
    (changed ? ' (aggiornati)' : ' (invariati)') +
    `; nomi non attribuiti: ${report.unresolvedNames.length} sconosciuti, ${report.ambiguousNames.length} ambigui`
  );
}
