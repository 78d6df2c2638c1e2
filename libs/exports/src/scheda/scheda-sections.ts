import type { Content, TableCell } from 'pdfmake/interfaces';
import { CLOSED_BY_OFFICE, STATUS_NAME, StatusCode } from '@rtd/kernel';
import { formatEuro } from '@rtd/pnrr';
import { ComuneSheet } from '../export-data';
import { formatDate, formatDateTime, statusText } from '../italian-format';
import { pnrrAsOfLine } from '../pnrr-figures';

export const PRIMARY = '#0066cc';
export const MUTED = '#5c6f82';
const LATE = '#cc334d';

export const heading = (text: string): Content => ({ text, style: 'h2', margin: [0, 14, 0, 6] });
export const th = (text: string): TableCell => ({ text, style: 'th' });
export const zebra = {
  hLineWidth: (i: number) => (i === 1 ? 1 : 0.5),
  vLineWidth: () => 0,
  hLineColor: (i: number) => (i === 1 ? PRIMARY : '#d9dadb'),
  fillColor: (row: number) => (row > 0 && row % 2 === 0 ? '#f5f7fa' : null),
  paddingTop: () => 3,
  paddingBottom: () => 3,
};
const muted = (text: string): Content => ({ text, italics: true, color: MUTED });

export function referents(sheet: ComuneSheet): Content {
  if (sheet.referents === null)
    return muted('I referenti sono visibili all’Ufficio RTD e al referente del Comune.');
  if (sheet.referents.length === 0) return muted('Nessun referente nominato.');
  return {
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
}

/**
 * «Breve descrizione dello stato dell'arte»: the office's paragraph, the counts, then each
 * activity with its status, progress, due date and evidence on one row and, under it, its
 * criticità and the office's last public note (never a rejection's reason).
 */
export function stateOfTheArt(sheet: ComuneSheet): Content[] {
  const narrative: Content = sheet.narrative
    ? { text: sheet.narrative, margin: [0, 0, 0, 8], alignment: 'justify' }
    : {
        text: 'L’Ufficio non ha ancora scritto la descrizione dello stato dell’arte del Comune.',
        italics: true,
        color: MUTED,
        margin: [0, 0, 0, 8],
      };
  if (sheet.assignments.length === 0) return [narrative, muted('Nessuna attività assegnata al Comune.')];
  // Closed objectives are counted apart: they are no longer open work.
  const counts = new Map<string, number>();
  for (const { assignment, closedAt } of sheet.assignments) {
    const key = closedAt ? CLOSED_BY_OFFICE : STATUS_NAME[assignment.status as StatusCode];
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const overdue = sheet.assignments.filter((a) => a.assignment.overdue).length;
  const summary = [...counts.entries()].map(([status, n]) => `${status}: ${n}`).join(' · ');
  const body: TableCell[][] = [
    [th('Obiettivo e linee del Piano'), th('Stato'), th('Avanzamento'), th('Scadenza'), th('Evidenze')],
  ];
  /** Rows that start an activity: a rule above them, none between an activity and its notes. */
  const starts = new Set<number>([1]);
  for (const {
    assignment,
    objectiveTitle,
    lines,
    evidence,
    funding,
    closedAt,
    publicNote,
  } of sheet.assignments) {
    starts.add(body.length);
    body.push([
      {
        stack: [
          { text: objectiveTitle, bold: true },
          { text: lines.map((l) => l.code).join(', '), style: 'small' },
          ...funding.map((f) => ({ text: f.summary, style: 'small', color: '#008055' })),
        ],
      },
      {
        text: statusText(assignment.status, closedAt) + (assignment.overdue ? '\nin ritardo' : ''),
        color: assignment.overdue ? LATE : undefined,
      },
      { text: `${assignment.progress}%`, alignment: 'right' },
      { text: assignment.dueDate ? formatDate(assignment.dueDate) : '—' },
      { text: String(evidence.length), alignment: 'right' },
    ]);
    const issues = assignment.issues?.trim();
    body.push([
      {
        colSpan: 5,
        style: 'small',
        margin: [8, 0, 0, 2],
        stack: [
          {
            text: [
              { text: 'Criticità: ', bold: true },
              issues ? { text: issues, color: LATE } : { text: 'nessuna segnalata', color: MUTED },
            ],
          },
          ...(publicNote
            ? [
                {
                  text: [
                    { text: `Nota dell’Ufficio (${formatDateTime(publicNote.at)}): `, bold: true },
                    publicNote.note,
                  ],
                },
              ]
            : []),
        ],
      },
      {},
      {},
      {},
      {},
    ]);
  }
  return [
    narrative,
    {
      text: `${sheet.assignments.length} attività · ${summary}${overdue ? ` · in ritardo: ${overdue}` : ''}`,
      margin: [0, 0, 0, 6],
    },
    {
      table: { headerRows: 1, dontBreakRows: true, widths: ['*', 62, 60, 56, 44], body },
      layout: {
        hLineWidth: (i: number) => (i === 1 ? 1 : starts.has(i) || i === body.length ? 0.5 : 0),
        vLineWidth: () => 0,
        hLineColor: (i: number) => (i === 1 ? PRIMARY : '#d9dadb'),
        paddingTop: (i: number) => (starts.has(i) || i === 0 ? 3 : 0),
        paddingBottom: () => 3,
      },
    },
  ];
}
export function pnrrSection(sheet: ComuneSheet): Content[] {
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
        widths: [36, '*', 70, 56, 100, 44],
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

/** The signature block: the RTD signs the scheda before it goes to the Conferenza dei Sindaci. */
export function signature(sheet: ComuneSheet, today: string): Content {
  return {
    unbreakable: true,
    margin: [0, 28, 0, 0],
    columns: [
      { width: '*', stack: [{ text: `Luogo e data: ____________, ${formatDate(today)}` }] },
      {
        width: 220,
        alignment: 'center',
        stack: [
          { text: 'Il Responsabile per la transizione al digitale' },
          { text: sheet.consortium.name, style: 'small', color: MUTED },
          { text: '\n\n_________________________________' },
          { text: '(firma)', style: 'small', color: MUTED },
        ],
      },
    ],
  };
}
