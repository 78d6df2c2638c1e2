import { exceljs } from '../lazy-libraries';
import type { ComplianceBucket } from '@rtd/compliance';
import { STATUS_LABEL_PLURAL } from '@rtd/kernel';
import { COLUMNS, ConsortiumReportData, PNRR_OWN, PNRR_TERRITORY } from './consortium-report';

/** The periodic report as a workbook: the same figures as the PDF, one sheet per table. */
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
  sheet(
    'Comuni in ritardo',
    'Comune',
    data.comuni.filter((b) => b.overdue > 0).sort((a, b) => b.overdue - a.overdue),
  );
  sheet('Obiettivi', 'Obiettivo', data.objectives);
  if (data.pnrr) {
    const ws = workbook.addWorksheet('PNRR', { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow([
      'Misura',
      'Titolo',
      'Importo (€)',
      'Comuni finanziati',
      'Candidature',
      'Rinunce',
      'Dati al',
    ]).font = {
      bold: true,
    };
    for (const m of data.pnrr.measures) {
      const r = ws.addRow([
        m.measure.code,
        m.measure.title,
        m.amount,
        m.fundedComuni,
        m.applicationCount,
        m.withdrawnCount,
        m.measure.asOf ? new Date(`${m.measure.asOf}T00:00:00Z`) : null,
      ]);
      r.getCell(3).numFmt = '#,##0.00';
      r.getCell(7).numFmt = 'dd/mm/yyyy';
    }
    ws.addRow([]);
    ws.addRow([PNRR_OWN, '', data.pnrr.amount]).getCell(3).numFmt = '#,##0.00';
    ws.addRow([PNRR_TERRITORY, '', data.pnrr.territoryAmount]).getCell(3).numFmt = '#,##0.00';
    ws.getColumn(2).width = 50;
  }
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
