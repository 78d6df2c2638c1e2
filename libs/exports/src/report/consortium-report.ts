import { exceljs } from '../lazy-libraries';
import type { Content, TableCell } from 'pdfmake/interfaces';
import type { ComplianceBucket, ComplianceTrendPoint } from '@rtd/compliance';
import { STATUS_LABEL_PLURAL } from '@rtd/kernel';
import { formatDate as formatItalianDate } from '../italian-format';
import { renderPdf } from '../pdf-printer';

/** The figures of the periodic report: the same buckets complianceSummary and complianceTrend give. */
export interface ConsortiumReportData {
  consortiumName: string;
  today: string;
  consortium: ComplianceBucket | null;
  comuni: ComplianceBucket[];
  objectives: ComplianceBucket[];
  trend: ComplianceTrendPoint[];
}

/** The comuni furthest behind: lowest completion rate first, then most overdue (five at most). */
export function laggards(comuni: ComplianceBucket[]): ComplianceBucket[] {
  return [...comuni]
    .filter((c) => c.total > c.notApplicable)
    .sort(
      (a, b) =>
        a.completionRate - b.completionRate || b.overdue - a.overdue || a.label.localeCompare(b.label),
    )
    .slice(0, 5);
}

/** A rate as a whole percentage, the way the report prints it ("42%"). */
export const percent = (rate: number) => `${Math.round(rate * 100)}%`;

const COLUMNS: [string, (b: ComplianceBucket) => string | number][] = [
  ['Totale', (b) => b.total],
  [STATUS_LABEL_PLURAL.NOT_STARTED, (b) => b.notStarted],
  [STATUS_LABEL_PLURAL.IN_PROGRESS, (b) => b.inProgress],
  [STATUS_LABEL_PLURAL.SUBMITTED, (b) => b.submitted],
  [STATUS_LABEL_PLURAL.COMPLETED, (b) => b.completed],
  [STATUS_LABEL_PLURAL.REJECTED, (b) => b.rejected],
  [STATUS_LABEL_PLURAL.NOT_APPLICABLE, (b) => b.notApplicable],
  ['In ritardo', (b) => b.overdue],
  ['Completamento', (b) => percent(b.completionRate)],
];

/** Heatmap colours: red below a third, amber below two thirds, green above. */
const heat = (rate: number) => (rate < 1 / 3 ? '#f4c7c3' : rate < 2 / 3 ? '#fce8b2' : '#b7e1cd');

function bucketTable(first: string, buckets: ComplianceBucket[], coloured = false): Content {
  const header: TableCell[] = [first, ...COLUMNS.map(([name]) => name)].map((text) => ({ text, bold: true }));
  const body: TableCell[][] = [header];
  for (const b of buckets) {
    const fillColor = coloured ? heat(b.completionRate) : undefined;
    body.push(
      [b.label, ...COLUMNS.map(([, value]) => String(value(b)))].map((text) => ({ text, fillColor })),
    );
  }
  return {
    table: { headerRows: 1, widths: ['*', ...COLUMNS.map(() => 'auto')], body },
    layout: 'lightHorizontalLines',
    fontSize: 8,
    margin: [0, 4, 0, 12],
  };
}

export async function renderConsortiumReportPdf(data: ConsortiumReportData): Promise<Buffer> {
  const c = data.consortium;
  const figures: Content = c
    ? bucketTable('Consorzio', [c])
    : { text: 'Nessuna attività assegnata.', italics: true };
  const trendRows: TableCell[][] = [
    ['Giorno', 'Totale', STATUS_LABEL_PLURAL.COMPLETED, 'In ritardo', 'Completamento'].map((text) => ({
      text,
      bold: true,
    })),
    ...data.trend.map((p) => {
      const b = p.buckets[0];
      return [
        formatItalianDate(p.day),
        String(b?.total ?? 0),
        String(b?.completed ?? 0),
        String(b?.overdue ?? 0),
        percent(b?.completionRate ?? 0),
      ];
    }),
  ];
  return renderPdf({
    pageSize: 'A4',
    pageOrientation: 'landscape',
    info: { title: `Relazione periodica - ${data.consortiumName}` },
    content: [
      { text: `Relazione periodica - ${data.consortiumName}`, fontSize: 18, bold: true },
      { text: `Situazione al ${formatItalianDate(data.today)}`, margin: [0, 0, 0, 12] },
      { text: 'Quadro generale', fontSize: 14, bold: true },
      figures,
      { text: 'Mappa di calore per Comune', fontSize: 14, bold: true },
      bucketTable('Comune', data.comuni, true),
      { text: 'Comuni in ritardo', fontSize: 14, bold: true },
      bucketTable('Comune', laggards(data.comuni)),
      { text: 'Andamento (ultimi dodici mesi)', fontSize: 14, bold: true },
      data.trend.length
        ? { table: { headerRows: 1, body: trendRows }, layout: 'lightHorizontalLines', fontSize: 8 }
        : { text: 'Nessuna rilevazione nel periodo.', italics: true },
      { text: 'Obiettivi', fontSize: 14, bold: true, margin: [0, 12, 0, 0] },
      bucketTable('Obiettivo', data.objectives),
    ],
  });
}

export async function renderConsortiumReportXlsx(data: ConsortiumReportData): Promise<Buffer> {
  const workbook = new (exceljs().Workbook)();
  workbook.creator = 'RTD Hub';
  const sheet = (name: string, first: string, buckets: ComplianceBucket[]) => {
    const ws = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow([first, 'Chiave', ...COLUMNS.map(([n]) => n)]).font = { bold: true };
    for (const b of buckets)
      ws
        .addRow([
          b.label,
          b.key,
          b.total,
          b.notStarted,
          b.inProgress,
          b.submitted,
          b.completed,
          b.rejected,
          b.notApplicable,
          b.overdue,
          b.completionRate,
        ])
        .getCell(11).numFmt = '0%';
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length + 2 } };
    ws.getColumn(1).width = 40;
    return ws;
  };
  sheet('Quadro generale', 'Consorzio', data.consortium ? [data.consortium] : []);
  sheet('Comuni', 'Comune', data.comuni);
  sheet('Comuni in ritardo', 'Comune', laggards(data.comuni));
  sheet('Obiettivi', 'Obiettivo', data.objectives);
  const trend = workbook.addWorksheet('Andamento', { views: [{ state: 'frozen', ySplit: 1 }] });
  trend.addRow(['Giorno', 'Totale', STATUS_LABEL_PLURAL.COMPLETED, 'In ritardo', 'Completamento']).font = {
    bold: true,
  };
  for (const p of data.trend) {
    const b = p.buckets[0];
    const row = trend.addRow([
      new Date(`${p.day}T00:00:00Z`),
      b?.total ?? 0,
      b?.completed ?? 0,
      b?.overdue ?? 0,
      b?.completionRate ?? 0,
    ]);
    row.getCell(1).numFmt = 'dd/mm/yyyy';
    row.getCell(5).numFmt = '0%';
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
