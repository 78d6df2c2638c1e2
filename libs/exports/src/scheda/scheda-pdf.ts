import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { CLOSED_BY_OFFICE, STATUS_NAME, StatusCode } from '@rtd/kernel';
import { formatEuro } from '@rtd/pnrr';
import { pnrrAsOfLine } from '../pnrr-figures';
import { ComuneSheet } from '../export-data';
import { formatDate, formatDateTime, statusText } from '../italian-format';
import { renderPdf } from '../pdf-printer';
import { TimelineItem, timelineSvg } from './timeline-chart';

const PRIMARY = '#0066cc';
const MUTED = '#5c6f82';
const ATTRIBUTION =
  'Dati PNRR: Dipartimento per la trasformazione digitale, «PA digitale 2026 - Open Data», licenza CC BY 4.0.';

const heading = (text: string): Content => ({ text, style: 'h2', margin: [0, 14, 0, 6] });
const th = (text: string): TableCell => ({ text, style: 'th' });
const zebra = {
  hLineWidth: (i: number) => (i === 1 ? 1 : 0.5),
  vLineWidth: () => 0,
  hLineColor: (i: number) => (i === 1 ? PRIMARY : '#d9dadb'),
  fillColor: (row: number) => (row > 0 && row % 2 === 0 ? '#f5f7fa' : null),
  paddingTop: () => 3,
  paddingBottom: () => 3,
};

function stateOfTheArt(sheet: ComuneSheet): Content[] {
  if (sheet.assignments.length === 0) {
    return [{ text: 'Nessuna attività assegnata al Comune.', italics: true, color: MUTED }];
  }
  // Closed objectives are counted apart: they are no longer open work.
  const counts = new Map<string, number>();
  for (const { assignment, closedAt } of sheet.assignments) {
    const key = closedAt ? CLOSED_BY_OFFICE : STATUS_NAME[assignment.status as StatusCode];
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const overdue = sheet.assignments.filter((a) => a.assignment.overdue).length;
  const summary = [...counts.entries()].map(([status, n]) => `${status}: ${n}`).join(' · ');
  const rows: TableCell[][] = sheet.assignments.map(
    ({ assignment, objectiveTitle, lines, evidence, funding, closedAt }) => [
      {
        stack: [
          { text: objectiveTitle, bold: true },
          { text: lines.map((l) => l.code).join(', '), style: 'small' },
          ...funding.map((f) => ({ text: f.summary, style: 'small', color: '#008055' })),
        ],
      },
      {
        text: statusText(assignment.status, closedAt) + (assignment.overdue ? '\nin ritardo' : ''),
        color: assignment.overdue ? '#cc334d' : undefined,
      },
      { text: `${assignment.progress}%`, alignment: 'right' },
      { text: assignment.dueDate ? formatDate(assignment.dueDate) : '—' },
      { text: String(evidence.length), alignment: 'right' },
    ],
  );
  return [
    {
      text: `${sheet.assignments.length} attività · ${summary}${overdue ? ` · in ritardo: ${overdue}` : ''}`,
      margin: [0, 0, 0, 6],
    },
    {
      table: {
        headerRows: 1,
        widths: ['*', 62, 60, 56, 44],
        body: [
          [th('Obiettivo e linee del Piano'), th('Stato'), th('Avanzamento'), th('Scadenza'), th('Evidenze')],
          ...rows,
        ],
      },
      layout: zebra,
    },
  ];
}

const MONTH = new Intl.DateTimeFormat('it-IT', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "Avviso PNRR 1.3.1 di ottobre 2022": short enough for the chart's rows, one per call. */
function callLabel(call: { title: string; measure: { code: string }; opensOn: string | null }): string {
  const opened = call.opensOn ? ` di ${MONTH.format(new Date(`${call.opensOn}T00:00:00Z`))}` : '';
  return `Avviso PNRR ${call.measure.code}${opened}`;
}

function cronoprogramma(sheet: ComuneSheet, today: string): Content[] {
  const items: TimelineItem[] = [];
  for (const { assignment, objectiveTitle } of sheet.assignments) {
    if (assignment.dueDate)
      items.push({ label: objectiveTitle, date: assignment.dueDate, kind: 'plan', caption: 'scadenza' });
  }
  for (const application of sheet.pnrr.applications) {
    const label = callLabel(application.call);
    const detail = application.call.title;
    if (application.call.closesOn) {
      items.push({
        label,
        detail,
        date: application.call.closesOn,
        kind: 'pnrr',
        caption: 'chiusura avviso',
      });
    }
    if (application.statusDate) {
      items.push({
        label,
        detail,
        date: application.statusDate,
        kind: 'pnrr',
        caption: application.statusLabel,
      });
    }
  }
  const svg = timelineSvg(items, today);
  if (!svg) return [{ text: 'Nessuna scadenza da mostrare.', italics: true, color: MUTED }];
  const sorted = [...items].sort((a, b) => a.date.localeCompare(b.date));
  return [
    { svg, width: 515, font: 'Titillium' } as Content,
    {
      table: {
        headerRows: 1,
        widths: [58, 96, '*'],
        body: [
          [th('Data'), th('Tipo'), th('Attività o avviso')],
          ...sorted.map((item) => [
            formatDate(item.date),
            item.kind === 'plan' ? 'Piano Triennale' : `PNRR (${item.caption})`,
            item.detail ?? item.label,
          ]),
        ],
      },
      layout: zebra,
      style: 'small',
      margin: [0, 6, 0, 0],
    },
  ];
}

function pnrrSection(sheet: ComuneSheet): Content[] {
  const { pnrr, comune } = sheet;
  const content: Content[] = [
    {
      text: `Finanziamenti del Comune di ${comune.name} (candidature presentate dal Comune, rinunce escluse): ${formatEuro(pnrr.ownAmount)}`,
      bold: true,
      margin: [0, 0, 0, 6],
    },
  ];
  if (pnrr.applications.length === 0) {
    content.push({
      text: 'Nessuna candidatura finanziata del Comune, in nessuna delle sette misure.',
      italics: true,
      color: MUTED,
    });
  } else {
    content.push({
      table: {
        headerRows: 1,
        widths: [26, '*', 70, 56, 100, 44],
        body: [
          [th('Misura'), th('Avviso'), th('CUP'), th('Importo'), th('Stato'), th('Dati al')],
          ...pnrr.applications.map((a): TableCell[] => [
            a.call.measure.code,
            a.call.title,
            a.cup,
            {
              text:
                a.status === 'WITHDRAWN' ? `${formatEuro(a.amount)} (non conteggiato)` : formatEuro(a.amount),
              alignment: 'right' as const,
            },
            a.statusDate ? `${a.statusLabel} dal ${formatDate(a.statusDate)}` : a.statusLabel,
            a.asOf ? formatDate(a.asOf) : '—',
          ]),
        ],
      },
      layout: zebra,
      style: 'small',
    });
  }
  content.push({
    text: [
      'Territorio comunale (dato dell’editore: il Comune con le scuole, le ASL e gli altri enti che hanno sede nel Comune; non sono finanziamenti del Comune): ',
      pnrr.territoryAmount === null
        ? 'non disponibile, il nome del Comune non è attribuibile in modo univoco nei dati pubblicati.'
        : `${formatEuro(pnrr.territoryAmount)}; di cui scuole ${formatEuro(pnrr.schoolsAmount)}, altri enti ${formatEuro(pnrr.otherBodiesAmount)} secondo le candidature pubblicate.`,
    ],
    style: 'small',
    margin: [0, 4, 0, 0],
  });
  content.push({
    text: `Stati: assegnata, erogata (dopo l’asseverazione), rinuncia (elencata, non conteggiata). Dati per misura: ${pnrrAsOfLine(pnrr.measures)}.`,
    style: 'small',
    color: MUTED,
    margin: [0, 2, 0, 0],
  });
  return content;
}

function officeNotes(sheet: ComuneSheet): Content[] {
  const notes = sheet.assignments.flatMap((a) =>
    a.officeNotes.map((n) => ({ ...n, title: a.objectiveTitle })),
  );
  if (notes.length === 0) return [{ text: 'Nessuna nota dell’Ufficio.', italics: true, color: MUTED }];
  return [
    {
      ul: notes
        .sort((a, b) => a.at.getTime() - b.at.getTime())
        .map((n) => ({ text: [{ text: `${n.title} (${formatDateTime(n.at)}): `, bold: true }, n.note] })),
    },
  ];
}

function comunePages(sheet: ComuneSheet, today: string, first: boolean): Content[] {
  const { comune } = sheet;
  const [chart, ...timetable] = cronoprogramma(sheet, today);
  const referents: Content =
    sheet.referents === null
      ? {
          text: 'I referenti sono visibili all’Ufficio RTD e al referente del Comune.',
          italics: true,
          color: MUTED,
        }
      : sheet.referents.length === 0
        ? { text: 'Nessun referente nominato.', italics: true, color: MUTED }
        : {
            table: {
              headerRows: 1,
              widths: [150, '*', '*'],
              body: [
                [th('Ruolo'), th('Nome'), th('Posta elettronica')],
                ...sheet.referents.map((r) => [r.role, r.name, r.email ?? '—']),
              ],
            },
            layout: zebra,
          };
  return [
    { text: 'Scheda relativa al singolo Comune', style: 'kicker', pageBreak: first ? undefined : 'before' },
    { text: `Comune di ${comune.name}`, style: 'h1' },
    {
      text: `${sheet.consortium.name} · Codice ISTAT ${comune.istatCode} · Provincia di ${comune.provinceName} · ${comune.regionName} · ${comune.population.toLocaleString('it-IT')} abitanti (ISTAT, ${comune.populationDate.split('-').reverse().join('/')})`,
      color: MUTED,
      margin: [0, 2, 0, 4],
    },
    heading('Referenti'),
    referents,
    heading('Stato dell’arte'),
    ...stateOfTheArt(sheet),
    // The heading stays on the chart's page.
    { stack: [heading('Cronoprogramma: scadenze del Piano Triennale e del PNRR'), chart], unbreakable: true },
    ...timetable,
    heading('Finanziamenti PNRR (padigitale2026.gov.it)'),
    ...pnrrSection(sheet),
    heading('Note dell’Ufficio'),
    ...officeNotes(sheet),
  ];
}

/** One scheda per comune, one after the other (a whole consortium is one file). */
export function schedaDefinition(
  sheets: ComuneSheet[],
  today: string,
  generatedAt: Date,
): TDocumentDefinitions {
  const title =
    sheets.length === 1
      ? `Scheda del Comune di ${sheets[0].comune.name}`
      : `Schede dei Comuni – ${sheets[0]?.consortium.name ?? ''}`;
  return {
    info: { title, author: 'RTD Hub', subject: 'Scheda relativa al singolo Comune', creator: 'RTD Hub' },
    pageSize: 'A4',
    pageMargins: [40, 50, 40, 50],
    header: (page) =>
      page === 1 ? null : { text: title, style: 'small', color: MUTED, margin: [40, 20, 40, 0] },
    footer: (page, pages) => ({
      columns: [
        {
          text: `Generata il ${formatDateTime(generatedAt)} da RTD Hub. ${ATTRIBUTION}`,
          style: 'small',
          color: MUTED,
        },
        { text: `Pagina ${page} di ${pages}`, style: 'small', color: MUTED, alignment: 'right', width: 80 },
      ],
      margin: [40, 16, 40, 0],
    }),
    content:
      sheets.length === 0
        ? [{ text: 'Nessun Comune da mostrare.' }]
        : sheets.flatMap((sheet, index) => comunePages(sheet, today, index === 0)),
    styles: {
      kicker: { fontSize: 9, color: PRIMARY, bold: true, characterSpacing: 0.5 },
      h1: { fontSize: 20, bold: true, color: '#17324d' },
      h2: { fontSize: 13, bold: true, color: PRIMARY },
      th: { bold: true, fontSize: 9, color: '#17324d' },
      small: { fontSize: 8 },
    },
    defaultStyle: { fontSize: 9.5, lineHeight: 1.15 },
  };
}

export function renderScheda(
  sheets: ComuneSheet[],
  today: string,
  generatedAt = new Date(),
): Promise<Buffer> {
  return renderPdf(schedaDefinition(sheets, today, generatedAt));
}
