import type ExcelJS from 'exceljs';
import type { ComplianceBucket } from '@rtd/compliance';
import { STATUS_LABEL_PLURAL } from '@rtd/kernel';
import type { PnrrTotalObject } from '@rtd/pnrr';
import { exceljs } from '../lazy-libraries';
import { formatDate, formatDateTime } from '../italian-format';
import { pnrrAsOfLine } from '../pnrr-figures';

/** The region's figures on one day, as «La Regione» shows them (the same service calls). */
export interface RegionFigures {
  regionCode: string;
  regionName: string;
  /** YYYY-MM-DD, Rome. */
  today: string;
  provinces: ComplianceBucket[];
  consortia: ComplianceBucket[];
  /** The days of the page's trend, each summed over the provinces. */
  trend: RegionTrendDay[];
  pnrr: PnrrTotalObject;
}

export interface RegionTrendDay {
  day: string;
  total: number;
  completed: number;
  submitted: number;
  overdue: number;
  completionRate: number;
}

type Count =
  | 'total'
  | 'completed'
  | 'inProgress'
  | 'submitted'
  | 'rejected'
  | 'notStarted'
  | 'notApplicable'
  | 'overdue';

/** The columns of the page's tables, in its order and words (apps/web COMPLIANCE_COLUMN_LABEL). */
export const REGION_COUNTS: [Count, string][] = [
  ['total', 'Totale'],
  ['completed', STATUS_LABEL_PLURAL.COMPLETED],
  ['inProgress', STATUS_LABEL_PLURAL.IN_PROGRESS],
  ['submitted', STATUS_LABEL_PLURAL.SUBMITTED],
  ['rejected', STATUS_LABEL_PLURAL.REJECTED],
  ['notStarted', STATUS_LABEL_PLURAL.NOT_STARTED],
  ['notApplicable', STATUS_LABEL_PLURAL.NOT_APPLICABLE],
  ['overdue', 'In ritardo'],
];

export const PNRR_REGION_OWN =
  'Finanziamenti PNRR dei Comuni della Regione (candidature presentate dai Comuni stessi, rinunce escluse) (€)';
export const PNRR_REGION_TERRITORY =
  'Territori dei Comuni (tutti gli enti con sede nei Comuni: scuole, ASL, altri enti; dato dell’editore) (€)';
export const PNRR_SOURCE =
  'Fonte: Dipartimento per la trasformazione digitale, «PA digitale 2026 - Open Data» (padigitale2026.gov.it), licenza CC BY 4.0';

/** The region's whole: the provinces summed (each comune is in one province), rate as the contract defines it. */
export function regionTotals(
  provinces: ComplianceBucket[],
): Record<Count, number> & { completionRate: number } {
  const sum = Object.fromEntries(
    REGION_COUNTS.map(([k]) => [k, provinces.reduce((n, b) => n + b[k], 0)]),
  ) as Record<Count, number>;
  const applicable = sum.total - sum.notApplicable;
  return { ...sum, completionRate: applicable > 0 ? sum.completed / applicable : 0 };
}

/** Lowest completion first, then by name: the page's order. */
const byRate = (a: ComplianceBucket, b: ComplianceBucket) =>
  a.completionRate - b.completionRate || a.label.localeCompare(b.label, 'it');

const day = (value: string) => new Date(`${value}T00:00:00Z`);
const BLUE = 'FF0066CC';
const INTEGER = '#,##0';
const EURO = '#,##0.00';
const PERCENT = '0.0%';
const DATE = 'dd/mm/yyyy';

/** A header: white on blue, the cells it has only (not the whole row). */
function header(row: ExcelJS.Row): void {
  row.eachCell((cell) => {
    cell.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: BLUE } };
    cell.alignment = { vertical: 'middle', wrapText: true };
  });
}

function table(
  workbook: ExcelJS.Workbook,
  name: string,
  first: string,
  buckets: ComplianceBucket[],
  withCode: boolean,
): void {
  const ws = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  const columns: Partial<ExcelJS.Column>[] = [
    { header: first, key: 'label', width: 40 },
    ...(withCode ? [{ header: 'Codice', key: 'key', width: 9 }] : []),
    ...REGION_COUNTS.map(([key, label]) => ({ header: label, key, width: 13, style: { numFmt: INTEGER } })),
    { header: 'Completamento', key: 'completionRate', width: 15, style: { numFmt: PERCENT } },
  ];
  ws.columns = columns;
  header(ws.getRow(1));
  for (const b of [...buckets].sort(byRate)) ws.addRow(b);
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
}

/**
 * «La Regione» as a workbook: «Sintesi» (the region, the date, its totals and the PNRR funding
 * with its source), «Province» and «Consorzi» (the page's tables, lowest completion first),
 * «Andamento» (the page's trend, day by day). Aggregates only: no person anywhere. Dates as dates
 * and numbers as numbers with Italian formats (dd/mm/yyyy, thousands, percentages).
 */
export async function renderRegionXlsx(figures: RegionFigures, generatedAt = new Date()): Promise<Buffer> {
  const workbook = new (exceljs().Workbook)();
  workbook.creator = 'RTD Hub';
  workbook.created = generatedAt;
  workbook.title = `La Regione ${figures.regionName}`;
  const totals = regionTotals(figures.provinces);

  const ws = workbook.addWorksheet('Sintesi');
  ws.getColumn(1).width = 70;
  ws.getColumn(2).width = 18;
  for (const c of [3, 4, 5, 6, 7]) ws.getColumn(c).width = 14;
  const title = ws.addRow([`La Regione ${figures.regionName}`]);
  title.font = { bold: true, size: 16 };
  ws.addRow(['Codice ISTAT della Regione', figures.regionCode]);
  const date = ws.addRow(['Dati al', day(figures.today)]);
  date.getCell(2).numFmt = DATE;
  date.getCell(2).alignment = { horizontal: 'left' };
  ws.addRow([`Generato da RTD Hub il ${formatDateTime(generatedAt).replace(', ', ' alle ')}`]);
  ws.addRow([]);
  header(ws.addRow(['Attività assegnate ai Comuni della Regione', 'Numero']));
  for (const [key, label] of REGION_COUNTS) ws.addRow([label, totals[key]]).getCell(2).numFmt = INTEGER;
  ws
    .addRow(['Completamento (completate sulle attività applicabili)', totals.completionRate])
    .getCell(2).numFmt = PERCENT;
  ws.addRow(['Province', figures.provinces.length]);
  ws.addRow(['Consorzi', figures.consortia.length]);
  ws.addRow([]);
  header(ws.addRow(['Finanziamenti PNRR', 'Importo (€)']));
  ws.addRow([PNRR_REGION_OWN, figures.pnrr.amount]).getCell(2).numFmt = EURO;
  ws
    .addRow([
      `Comuni con finanziamenti propri (su ${figures.pnrr.comuneCount.toLocaleString('it-IT')} della Regione)`,
      figures.pnrr.fundedComuni,
    ])
    .getCell(2).numFmt = INTEGER;
  ws.addRow([PNRR_REGION_TERRITORY, figures.pnrr.territoryAmount]).getCell(2).numFmt = EURO;
  ws.addRow([]);
  header(ws.addRow(['Misura', 'Importo (€)', 'Comuni finanziati', 'Candidature', 'Rinunce', 'Dati al']));
  for (const m of figures.pnrr.measures) {
    const row = ws.addRow([
      `${m.measure.code} ${m.measure.title}`,
      m.amount,
      m.fundedComuni,
      m.applicationCount,
      m.withdrawnCount,
      m.measure.asOf ? day(m.measure.asOf) : 'n.d.',
    ]);
    row.getCell(2).numFmt = EURO;
    for (const c of [3, 4, 5]) row.getCell(c).numFmt = INTEGER;
    row.getCell(6).numFmt = DATE;
  }
  ws.addRow([]);
  ws.addRow([PNRR_SOURCE]);
  ws.addRow([`Dati PNRR per misura: ${pnrrAsOfLine(figures.pnrr.measures)}.`]);
  ws.addRow([
    'Attività: conteggi delle attività del Piano Triennale assegnate ai Comuni dagli Uffici RTD; nessuna persona è nominata.',
  ]);
  ws.getColumn(1).alignment = { wrapText: true, vertical: 'top' };

  table(workbook, 'Province', 'Provincia', figures.provinces, true);
  table(workbook, 'Consorzi', 'Consorzio', figures.consortia, false);

  const trend = workbook.addWorksheet('Andamento', { views: [{ state: 'frozen', ySplit: 1 }] });
  trend.columns = [
    { header: 'Giorno', key: 'day', width: 12, style: { numFmt: DATE } },
    { header: 'Completamento', key: 'completionRate', width: 15, style: { numFmt: PERCENT } },
    { header: STATUS_LABEL_PLURAL.COMPLETED, key: 'completed', width: 13, style: { numFmt: INTEGER } },
    { header: 'Da validare', key: 'submitted', width: 13, style: { numFmt: INTEGER } },
    { header: 'In ritardo', key: 'overdue', width: 13, style: { numFmt: INTEGER } },
    { header: 'Totale', key: 'total', width: 13, style: { numFmt: INTEGER } },
  ];
  header(trend.getRow(1));
  for (const p of figures.trend) trend.addRow({ ...p, day: day(p.day) });
  if (figures.trend.length === 0)
    trend.addRow([
      `Nessun dato di andamento al ${formatDate(figures.today)}: il primo punto arriva con la fotografia della prossima mezzanotte.`,
    ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
