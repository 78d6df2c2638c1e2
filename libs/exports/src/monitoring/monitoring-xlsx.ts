import type ExcelJS from 'exceljs';
import { exceljs } from '../lazy-libraries';
import { exclusionReason, PlanLineObject } from '@rtd/catalog';
import { ComuneSheet, SheetAssignment } from '../export-data';
import { pnrrAsOfLine } from '../pnrr-figures';
import { formatDateTime, statusText } from '../italian-format';

/** A calendar day as Excel stores it: midnight UTC of that day (no time zone shift on opening). */
const day = (value: string | null): Date | null => (value ? new Date(`${value}T00:00:00Z`) : null);

const DEADLINE_KIND: Record<string, string> = { BY: 'Entro', FROM: 'Da', NONE: '' };

export const MONITORING_COLUMNS: Partial<ExcelJS.Column>[] = [
  { header: 'Codice ISTAT', key: 'istat', width: 12 },
  { header: 'Comune', key: 'comune', width: 22 },
  { header: 'Codice linea', key: 'code', width: 16 },
  { header: 'Capitolo', key: 'chapter', width: 9 },
  { header: 'Testo della linea', key: 'text', width: 60 },
  { header: 'Tipo scadenza', key: 'deadlineKind', width: 12 },
  { header: 'Scadenza del Piano', key: 'deadline', width: 14, style: { numFmt: 'dd/mm/yyyy' } },
  { header: 'Si applica al Comune', key: 'applies', width: 12 },
  { header: 'Adottata', key: 'adopted', width: 10 },
  { header: 'Obiettivo', key: 'objective', width: 36 },
  { header: 'Stato', key: 'status', width: 16 },
  { header: 'Avanzamento (%)', key: 'progress', width: 14, style: { numFmt: '0' } },
  { header: 'Scadenza attività', key: 'due', width: 14, style: { numFmt: 'dd/mm/yyyy' } },
  { header: 'Puntualità', key: 'timeliness', width: 12 },
  { header: 'Evidenze', key: 'evidence', width: 50 },
  { header: 'Criticità', key: 'issues', width: 40 },
  { header: 'Ultimo aggiornamento', key: 'updatedAt', width: 18, style: { numFmt: 'dd/mm/yyyy hh:mm' } },
  { header: 'Finanziamento PNRR', key: 'funding', width: 50 },
  { header: 'ID attività', key: 'assignmentId', width: 38 },
  { header: 'Versione', key: 'version', width: 9, style: { numFmt: '0' } },
];

const PNRR_COLUMNS: Partial<ExcelJS.Column>[] = [
  { header: 'Codice ISTAT', key: 'istat', width: 12 },
  { header: 'Comune', key: 'comune', width: 22 },
  { header: 'Misura', key: 'measure', width: 9 },
  { header: 'Avviso', key: 'call', width: 60 },
  { header: 'Importo (€)', key: 'amount', width: 14, style: { numFmt: '#,##0.00' } },
  { header: 'Stato', key: 'status', width: 12 },
  { header: 'Data stato', key: 'statusDate', width: 12, style: { numFmt: 'dd/mm/yyyy' } },
  { header: 'Data finanziamento', key: 'fundedOn', width: 14, style: { numFmt: 'dd/mm/yyyy' } },
  { header: 'CUP', key: 'cup', width: 18 },
  { header: 'Conteggiato (€, rinunce a zero)', key: 'counted', width: 16, style: { numFmt: '#,##0.00' } },
  { header: 'Dati al', key: 'asOf', width: 12, style: { numFmt: 'dd/mm/yyyy' } },
];

const TOTAL_COLUMNS: Partial<ExcelJS.Column>[] = [
  { header: 'Codice ISTAT', key: 'istat', width: 12 },
  { header: 'Comune', key: 'comune', width: 22 },
  {
    header: 'Finanziamenti del Comune, rinunce escluse (€)',
    key: 'total',
    width: 28,
    style: { numFmt: '#,##0.00' },
  },
  {
    header: 'Candidature del Comune elencate, rinunce escluse (€)',
    key: 'listed',
    width: 30,
    style: { numFmt: '#,##0.00' },
  },
  {
    header: 'Territorio comunale: tutti gli enti con sede nel Comune (€, importi_per_comune.csv)',
    key: 'territory',
    width: 34,
    style: { numFmt: '#,##0.00' },
  },
];

function sheet(
  workbook: ExcelJS.Workbook,
  name: string,
  columns: Partial<ExcelJS.Column>[],
): ExcelJS.Worksheet {
  const ws = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns;
  const header = ws.getRow(1);
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF0066CC' } };
  header.alignment = { vertical: 'middle', wrapText: true };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return ws;
}

function lineRow(comune: ComuneSheet, line: PlanLineObject, entry: SheetAssignment | null, today: string) {
  // The catalogue's rule (kinds of body, population band at 1 January 2021), as targeting applies it.
  const applies = exclusionReason(line, comune.comune) === null;
  const a = entry?.assignment;
  const closed = a && (a.status === 'COMPLETED' || a.status === 'NOT_APPLICABLE');
  return {
    istat: comune.comune.istatCode,
    comune: comune.comune.name,
    code: line.code,
    chapter: line.chapter,
    text: line.text,
    deadlineKind: DEADLINE_KIND[line.deadlineKind] ?? '',
    deadline: day(line.deadline),
    applies: applies ? 'Sì' : 'No',
    adopted: entry ? 'Sì' : 'No',
    objective: entry?.objectiveTitle ?? null,
    status: a ? statusText(a.status, entry?.closedAt ?? null) : null,
    progress: a ? a.progress : null,
    due: day(a?.dueDate ?? null),
    timeliness:
      !a || !a.dueDate || entry?.closedAt
        ? null
        : a.overdue
          ? 'In ritardo'
          : closed || a.dueDate >= today
            ? 'In tempo'
            : 'In ritardo',
    evidence: entry
      ? entry.evidence.map((e) => (e.url ? `${e.description}: ${e.url}` : e.description)).join('\n') || null
      : null,
    issues: a?.issues ?? null,
    updatedAt: a ? a.updatedAt : null,
    funding: entry ? entry.funding.map((f) => f.summary).join('\n') || null : null,
    assignmentId: a?.id ?? null,
    version: a?.version ?? null,
  };
}

/**
 * The monitoring sheet of one comune or of a whole consortium (one row per comune and line):
 * every line of the edition, whether it applies to the comune and whether the office adopted it,
 * with the state of its assignment; local actions on their own sheet; the PNRR calls and totals.
 * Columns are typed (dates as dates, numbers as numbers), the header frozen, filters on. The
 * "ID attività" and "Versione" columns let the same layout come back as a bulk update.
 */
export async function renderMonitoring(
  sheets: ComuneSheet[],
  editions: { edition: string; lines: PlanLineObject[] }[],
  today: string,
  generatedAt = new Date(),
): Promise<Buffer> {
  const workbook = new (exceljs().Workbook)();
  workbook.creator = 'RTD Hub';
  workbook.created = generatedAt;
  const names = editions.map((e) => e.edition).join(', ');
  workbook.title = `Monitoraggio del Piano Triennale ${names}`;
  // One sheet per edition the activities use (issue 24: none is left out), then local actions.
  const perEdition = editions.map((e) => ({
    ...e,
    ws: sheet(workbook, `Linee ${e.edition}`, MONITORING_COLUMNS),
  }));
  const local = sheet(workbook, 'Azioni locali', MONITORING_COLUMNS);
  const calls = sheet(workbook, 'Avvisi PNRR', PNRR_COLUMNS);
  const totals = sheet(workbook, 'Importi PNRR', TOTAL_COLUMNS);

  for (const comune of sheets) {
    for (const { edition, lines: editionLines, ws: lines } of perEdition) {
      const byLine = new Map<string, SheetAssignment[]>();
      for (const entry of comune.assignments) {
        if (entry.edition !== edition) continue;
        for (const line of entry.lines) byLine.set(line.code, [...(byLine.get(line.code) ?? []), entry]);
      }
      for (const line of editionLines) {
        const target = line.local ? local : lines;
        const entries = byLine.get(line.code);
        // Local lines appear only where the office adopted them; AgID lines always.
        if (line.local && !entries) continue;
        for (const entry of entries ?? [null]) target.addRow(lineRow(comune, line, entry, today));
      }
    }
    for (const application of comune.pnrr.applications) {
      calls.addRow({
        istat: comune.comune.istatCode,
        comune: comune.comune.name,
        measure: application.call.measure.code,
        call: application.call.title,
        amount: application.amount,
        status: application.statusLabel,
        statusDate: day(application.statusDate),
        fundedOn: day(application.fundedOn),
        cup: application.cup,
        counted: application.countedAmount,
        asOf: day(application.asOf),
      });
    }
    totals.addRow({
      istat: comune.comune.istatCode,
      comune: comune.comune.name,
      total: comune.pnrr.totalAmount,
      listed: comune.pnrr.applicationsAmount,
      territory: comune.pnrr.territoryAmount,
    });
  }
  for (const ws of [...perEdition.map((e) => e.ws), local]) {
    ws.getColumn('text').alignment = { wrapText: true, vertical: 'top' };
    ws.getColumn('evidence').alignment = { wrapText: true, vertical: 'top' };
  }
  const source = workbook.addWorksheet('Fonti');
  source.getColumn(1).width = 120;
  source.addRow([
    `Generato da RTD Hub il ${formatDateTime(generatedAt).replace(', ', ' alle ')} (${editions.length > 1 ? 'edizioni' : 'edizione'} ${names} del Piano Triennale; date nel formato gg/mm/aaaa).`,
  ]);
  source.addRow([
    'Dati PNRR: Dipartimento per la trasformazione digitale, «PA digitale 2026 - Open Data» (padigitale2026.gov.it), licenza CC BY 4.0.',
  ]);
  source.addRow([`Dati PNRR per misura: ${pnrrAsOfLine(sheets[0]?.pnrr.measures ?? [])}.`]);
  source.addRow([
    'Finanziamenti del Comune: le sole candidature presentate dal Comune; le rinunce sono elencate ma non conteggiate. Il territorio comunale comprende anche scuole, ASL e altri enti con sede nel Comune.',
  ]);
  source.addRow(['Linee d’azione: AgID, Piano Triennale per l’informatica nella Pubblica Amministrazione.']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
