import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { ComuneSheet } from '../export-data';
import { formatDate, formatDateTime } from '../italian-format';
import { renderPdf } from '../pdf-printer';
import { ganttRows, ganttTable } from './gantt';
import { heading, MUTED, pnrrSection, PRIMARY, referents, signature, stateOfTheArt } from './scheda-sections';

const ATTRIBUTION =
  'Dati PNRR: Dipartimento per la trasformazione digitale, «PA digitale 2026 - Open Data», licenza CC BY 4.0.';
const OFFICE = 'Ufficio per la transizione al digitale in forma associata';
const LONG_DATE = new Intl.DateTimeFormat('it-IT', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const longDate = (day: string) => LONG_DATE.format(new Date(`${day}T00:00:00Z`));

/** The letterhead: the office on the left, the date on the right, a rule under them. */
function letterhead(sheet: ComuneSheet, today: string): Content {
  return {
    stack: [
      {
        columns: [
          {
            width: '*',
            stack: [
              { text: sheet.consortium.name, bold: true, color: '#17324d', fontSize: 11 },
              { text: OFFICE, style: 'small', color: MUTED },
            ],
          },
          { width: 'auto', text: longDate(today), alignment: 'right', color: MUTED, margin: [0, 4, 0, 0] },
        ],
      },
      {
        canvas: [{ type: 'line', x1: 0, y1: 4, x2: 515, y2: 4, lineWidth: 1.5, lineColor: PRIMARY }],
        margin: [0, 0, 0, 10],
      },
    ],
  };
}

function comunePages(sheet: ComuneSheet, today: string, first: boolean, indexed: boolean): Content[] {
  const { comune } = sheet;
  return [
    { stack: [letterhead(sheet, today)], pageBreak: first ? undefined : 'before' },
    { text: 'Allegato 1 · Scheda relativa al singolo Comune', style: 'kicker' },
    { text: `Comune di ${comune.name}`, style: 'h1', tocItem: indexed },
    {
      table: {
        widths: [90, '*'],
        body: [
          ['Comune', `${comune.name} (Provincia di ${comune.provinceName}, ${comune.regionName})`],
          ['Codice ISTAT', comune.istatCode],
          [
            'Abitanti',
            `${comune.population.toLocaleString('it-IT')} (ISTAT, ${comune.populationDate.split('-').reverse().join('/')})`,
          ],
          ['Ufficio RTD', sheet.consortium.name],
          ['Data', formatDate(today)],
        ].map(([k, v]) => [{ text: k, bold: true, color: '#17324d' }, v]),
      },
      layout: 'noBorders',
      margin: [0, 4, 0, 0],
    },
    heading('Referenti'),
    referents(sheet),
    heading('Breve descrizione dello stato dell’arte'),
    ...stateOfTheArt(sheet),
    {
      stack: [heading('Cronoprogramma degli obiettivi da raggiungere, per semestre')],
      unbreakable: true,
    },
    ...ganttTable(ganttRows(sheet), today),
    heading('Finanziamenti PNRR (padigitale2026.gov.it)'),
    ...pnrrSection(sheet),
    signature(sheet, today),
  ];
}

/** The consortium file's cover and index (the schede of every member, one after the other). */
function coverAndIndex(sheets: ComuneSheet[], today: string): Content[] {
  const consortium = sheets[0].consortium.name;
  return [
    { text: consortium, fontSize: 16, bold: true, color: '#17324d', margin: [0, 150, 0, 4] },
    { text: OFFICE, color: MUTED },
    {
      canvas: [{ type: 'line', x1: 0, y1: 10, x2: 515, y2: 10, lineWidth: 2, lineColor: PRIMARY }],
      margin: [0, 0, 0, 24],
    },
    { text: 'Allegato 1', style: 'kicker' },
    { text: 'Schede relative ai singoli Comuni', fontSize: 26, bold: true, color: '#17324d' },
    {
      text: `Stato dell’arte, cronoprogramma e finanziamenti PNRR dei ${sheets.length} Comuni dell’Ufficio`,
      fontSize: 12,
      margin: [0, 8, 0, 0],
    },
    { text: `Aggiornate al ${longDate(today)}`, fontSize: 12, color: MUTED, margin: [0, 4, 0, 0] },
    {
      toc: { title: { text: 'Indice dei Comuni', style: 'h1', margin: [0, 0, 0, 10] } },
      pageBreak: 'before',
    },
  ];
}

/** One scheda per comune, one after the other; a consortium's file opens with a cover and an index. */
export function schedaDefinition(
  sheets: ComuneSheet[],
  today: string,
  generatedAt: Date,
): TDocumentDefinitions {
  const single = sheets.length === 1;
  const title = single
    ? `Scheda del Comune di ${sheets[0].comune.name}`
    : `Schede dei Comuni – ${sheets[0]?.consortium.name ?? ''}`;
  const content: Content[] =
    sheets.length === 0
      ? [{ text: 'Nessun Comune da mostrare.' }]
      : [
          ...(single ? [] : coverAndIndex(sheets, today)),
          ...sheets.flatMap((sheet, index) => comunePages(sheet, today, single && index === 0, !single)),
        ];
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
    content,
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
