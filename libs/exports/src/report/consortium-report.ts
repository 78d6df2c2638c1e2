import type { Content, TableCell } from 'pdfmake/interfaces';
import type { ComplianceBucket, ComplianceTrendPoint } from '@rtd/compliance';
import { formatEuro, PnrrTotalObject } from '@rtd/pnrr';
import { STATUS_LABEL, STATUS_LABEL_PLURAL } from '@rtd/kernel';
import { formatDate as formatItalianDate } from '../italian-format';
import { renderPdf } from '../pdf-printer';
import { statusBarsSvg, trendSvg } from './report-charts';

export { renderConsortiumReportXlsx } from './report-xlsx';

/** The figures of the periodic report: the same buckets complianceSummary and complianceTrend give. */
export interface ConsortiumReportData {
  consortiumName: string;
  today: string;
  consortium: ComplianceBucket | null;
  comuni: ComplianceBucket[];
  objectives: ComplianceBucket[];
  trend: ComplianceTrendPoint[];
  /** The consortium's PNRR funding (its comuni's own), per measure with each as-of date. */
  pnrr?: PnrrTotalObject | null;
  /** The day of the last report (its figures are `previous`); null: the start of the trend. */
  since: string | null;
  /** The consortium's figures on `since`, from the daily snapshots; null when none was taken. */
  previous: ComplianceBucket | null;
  /** Open assignments with a criticità, and those due next (consortiumDashboard's lists). */
  criticita: ReportItem[];
  deadlines: ReportItem[];
  deadlineDays: number;
  /** What the RTD wrote for this report, if anything. */
  commentary: string | null;
}

export interface ReportItem {
  comuneName: string;
  objectiveTitle: string;
  status: string;
  overdue: boolean;
  dueDate: string | null;
  issues: string | null;
}

export const PNRR_OWN =
  'Finanziamenti PNRR dei Comuni del consorzio (candidature presentate dai Comuni stessi, rinunce escluse)';
export const PNRR_TERRITORY =
  'Territori dei Comuni (tutti gli enti con sede nei Comuni: scuole, ASL, altri enti; dato dell’editore)';

function pnrrSection(pnrr: PnrrTotalObject | null | undefined): Content[] {
  if (!pnrr) return [];
  const rows: TableCell[][] = [
    ['Misura', 'Importo', 'Comuni finanziati', 'Candidature', 'Rinunce', 'Dati al'].map((text) => ({
      text,
      bold: true,
    })),
    ...pnrr.measures.map((m) => [
      `${m.measure.code} ${m.measure.title}`,
      formatEuro(m.amount),
      `${m.fundedComuni} / ${pnrr.comuneCount}`,
      String(m.applicationCount),
      String(m.withdrawnCount),
      m.measure.asOf ? formatItalianDate(m.measure.asOf) : '—',
    ]),
  ];
  return [
    { text: 'Finanziamenti PNRR', fontSize: 14, bold: true, margin: [0, 12, 0, 0] },
    { text: `${PNRR_OWN}: ${formatEuro(pnrr.amount)}`, bold: true, margin: [0, 4, 0, 0] },
    { text: `${PNRR_TERRITORY}: ${formatEuro(pnrr.territoryAmount)}`, fontSize: 9 },
    {
      table: { headerRows: 1, body: rows },
      layout: 'lightHorizontalLines',
      fontSize: 8,
      margin: [0, 4, 0, 0],
    },
    {
      text: 'Fonte: Dipartimento per la trasformazione digitale, «PA digitale 2026 - Open Data», licenza CC BY 4.0.',
      fontSize: 8,
    },
  ];
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

export const COLUMNS: [string, (b: ComplianceBucket) => string | number][] = [
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
export const heat = (rate: number) => (rate < 1 / 3 ? '#f4c7c3' : rate < 2 / 3 ? '#fce8b2' : '#b7e1cd');

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

/** The app's words for the statuses (the Cruscotto's legend), so the report reads like the screen. */
const H1 = { fontSize: 15, bold: true, margin: [0, 0, 0, 6] as [number, number, number, number] };
const H2 = { fontSize: 11, bold: true, margin: [0, 8, 0, 4] as [number, number, number, number] };

export const signed = (n: number) => (n > 0 ? `+${n}` : String(n));
export const signedPoints = (rate: number) => {
  const points = Math.round(rate * 100);
  return `${points > 0 ? '+' : ''}${points} punti`;
};

/** The summary: each figure today, at the last report and the change. */
function summaryTable(
  now: ComplianceBucket | null,
  before: ComplianceBucket | null,
  since: string | null,
): Content {
  if (!now) return { text: 'Nessuna attività assegnata.', italics: true };
  const rows: [string, (b: ComplianceBucket) => number, boolean][] = [
    ['Completamento', (b) => b.completionRate, true],
    ['Attività in tutto', (b) => b.total, false],
    [STATUS_LABEL_PLURAL.COMPLETED, (b) => b.completed, false],
    [STATUS_LABEL_PLURAL.IN_PROGRESS, (b) => b.inProgress, false],
    [STATUS_LABEL_PLURAL.SUBMITTED, (b) => b.submitted, false],
    [STATUS_LABEL_PLURAL.REJECTED, (b) => b.rejected, false],
    [STATUS_LABEL_PLURAL.NOT_STARTED, (b) => b.notStarted, false],
    ['In ritardo', (b) => b.overdue, false],
  ];
  const head = ['', 'Oggi', since ? `Al ${formatItalianDate(since)}` : 'In precedenza', 'Variazione'];
  const body: TableCell[][] = [head.map((text) => ({ text, bold: true }))];
  for (const [label, value, rate] of rows) {
    const today = value(now);
    const then = before ? value(before) : null;
    body.push([
      { text: label, bold: rate },
      rate ? percent(today) : String(today),
      then === null ? '—' : rate ? percent(then) : String(then),
      then === null ? '—' : rate ? signedPoints(today - then) : signed(today - then),
    ]);
  }
  return {
    table: { headerRows: 1, widths: ['*', 90, 110, 90], body },
    layout: 'lightHorizontalLines',
    fontSize: 10,
    margin: [0, 4, 0, 8],
  };
}

function itemsTable(head: string[], rows: string[][], widths: (string | number)[]): Content {
  return {
    table: {
      headerRows: 1,
      widths,
      body: [head.map((text) => ({ text, bold: true })), ...rows],
    },
    layout: 'lightHorizontalLines',
    fontSize: 8,
    margin: [0, 2, 0, 8],
  };
}

export const STATUS_OF: Record<string, string> = STATUS_LABEL;

export async function renderConsortiumReportPdf(data: ConsortiumReportData): Promise<Buffer> {
  const c = data.consortium;
  const from = data.since ?? data.trend[0]?.day ?? data.today;
  const before = data.previous ?? null;
  const completedInPeriod = c && before ? c.completed - before.completed : null;
  const late = [...data.comuni]
    .filter((b) => b.overdue > 0)
    .sort((a, b) => b.overdue - a.overdue || a.label.localeCompare(b.label, 'it'));
  const charts: Content[] = [];
  const trend = trendSvg(data.trend);
  if (trend)
    charts.push({ text: 'Andamento del completamento', ...H2 }, { svg: trend, width: 760 } as Content);
  const byObjective = statusBarsSvg(data.objectives);
  if (byObjective)
    charts.push({ text: 'Stato delle attività per obiettivo', ...H2, pageBreak: 'before' }, {
      svg: byObjective,
      width: 760,
    } as Content);
  const byComune = statusBarsSvg(data.comuni);
  if (byComune)
    charts.push({ text: 'Stato delle attività per Comune', ...H2, pageBreak: 'before' }, {
      svg: byComune,
      width: 760,
    } as Content);

  return renderPdf({
    pageSize: 'A4',
    pageOrientation: 'landscape',
    info: { title: `Relazione periodica - ${data.consortiumName}` },
    footer: (page: number, pages: number) =>
      page === 1
        ? null
        : {
            text: `${data.consortiumName} · Relazione periodica al ${formatItalianDate(data.today)} · pagina ${page} di ${pages}`,
            fontSize: 7,
            alignment: 'center',
            color: '#5c6f82',
          },
    content: [
      // Cover.
      { text: data.consortiumName, fontSize: 14, margin: [0, 120, 0, 8], color: '#0066cc' },
      { text: 'Relazione periodica', fontSize: 28, bold: true },
      {
        text: 'sullo stato di attuazione del Piano Triennale per l’informatica nei Comuni',
        fontSize: 14,
        margin: [0, 4, 0, 24],
      },
      { text: `Periodo: dal ${formatItalianDate(from)} al ${formatItalianDate(data.today)}`, fontSize: 12 },
      {
        text: `A cura dell’Ufficio per la Transizione al Digitale associato · redatta il ${formatItalianDate(data.today)}`,
        fontSize: 10,
        color: '#5c6f82',
        margin: [0, 6, 0, 0],
        pageBreak: 'after',
      },

      // One-page summary.
      { text: 'Sintesi', ...H1 },
      {
        text: data.since
          ? `Le cifre di oggi e la loro variazione dall’ultima relazione (${formatItalianDate(data.since)}).`
          : 'Le cifre di oggi e la loro variazione dall’inizio del periodo.',
        margin: [0, 0, 0, 4],
      },
      summaryTable(c, before, from),
      completedInPeriod !== null
        ? { text: `Nel periodo sono state completate ${completedInPeriod} attività.`, margin: [0, 0, 0, 4] }
        : { text: '' },
      {
        text: `In ritardo: ${c?.overdue ?? 0} attività in ${late.length} Comuni · criticità aperte segnalate dai Comuni: ${data.criticita.length} · in scadenza nei prossimi ${data.deadlineDays} giorni: ${data.deadlines.length}.`,
        margin: [0, 0, 0, 8],
      },
      ...(data.commentary
        ? [
            { text: 'Commento del Responsabile per la Transizione al Digitale', ...H2 },
            { text: data.commentary, margin: [0, 0, 0, 8] as [number, number, number, number] },
          ]
        : []),

      // Charts.
      { text: 'Grafici', ...H1, pageBreak: 'before' },
      ...(charts.length ? charts : [{ text: 'Nessun dato da rappresentare.', italics: true }]),

      // What was completed, what is late and why, what is due next.
      { text: 'Che cosa è stato completato', ...H1, pageBreak: 'before' },
      itemsTable(
        ['Obiettivo', STATUS_LABEL_PLURAL.COMPLETED, 'Applicabili', 'Completamento'],
        [...data.objectives]
          .sort((a, b) => b.completionRate - a.completionRate || a.label.localeCompare(b.label, 'it'))
          .map((b) => [
            b.label,
            String(b.completed),
            String(b.total - b.notApplicable),
            percent(b.completionRate),
          ]),
        ['*', 70, 70, 80],
      ),
      { text: 'Che cosa è in ritardo, e perché', ...H1 },
      late.length
        ? itemsTable(
            ['Comune', 'In ritardo', STATUS_LABEL_PLURAL.COMPLETED, 'Completamento'],
            late.map((b) => [
              b.label,
              String(b.overdue),
              `${b.completed} su ${b.total}`,
              percent(b.completionRate),
            ]),
            ['*', 70, 90, 80],
          )
        : { text: 'Nessuna attività in ritardo.', italics: true },
      { text: 'Criticità segnalate dai Comuni sulle attività aperte', ...H2 },
      data.criticita.length
        ? itemsTable(
            ['Comune', 'Obiettivo', 'Stato', 'Criticità'],
            data.criticita.map((i) => [
              i.comuneName,
              i.objectiveTitle,
              `${STATUS_OF[i.status] ?? i.status}${i.overdue ? ', in ritardo' : ''}`,
              i.issues ?? '',
            ]),
            [90, 150, 90, '*'],
          )
        : { text: 'Nessuna criticità aperta.', italics: true },
      { text: `Che cosa scade nei prossimi ${data.deadlineDays} giorni`, ...H1 },
      data.deadlines.length
        ? itemsTable(
            ['Scadenza', 'Comune', 'Obiettivo', 'Stato'],
            data.deadlines.map((i) => [
              formatItalianDate(i.dueDate ?? ''),
              i.comuneName,
              i.objectiveTitle,
              STATUS_OF[i.status] ?? i.status,
            ]),
            [60, 110, '*', 110],
          )
        : { text: 'Nessuna attività aperta in scadenza.', italics: true },

      // The figures in full.
      { text: 'Tabelle', ...H1, pageBreak: 'before' },
      { text: 'Consorzio', ...H2 },
      c ? bucketTable('Consorzio', [c]) : { text: 'Nessuna attività assegnata.', italics: true },
      { text: 'Comuni', ...H2 },
      bucketTable('Comune', data.comuni, true),
      { text: 'Obiettivi', ...H2 },
      bucketTable('Obiettivo', data.objectives),
      ...pnrrSection(data.pnrr),
    ],
  });
}
