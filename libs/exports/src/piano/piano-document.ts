import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { renderPdf } from '../pdf-printer';

/**
 * The consortium's Piano as the document the mayors approve and the office publishes in
 * Amministrazione trasparente (issue 25): cover, index, quadro riassuntivo, one page per scheda
 * in seed 001's layout, the indicators table and the Gantt by semester; PDF and an editable DOCX
 * of the same content. Pure builders over `PianoDocument`; the worker's job is not wired yet.
 */
export interface PianoDocument {
  consortiumName: string;
  title: string;
  number: number;
  year: number;
  state: string;
  approvedOn: string | null;
  approvalAct: string | null;
  schede: {
    code: string;
    title: string;
    owner: string | null;
    beneficiaries: string | null;
    problem: string | null;
    description: string | null;
    expectedResults: string | null;
    impact: string | null;
    constraints: string | null;
    externalParties: string | null;
    skills: string | null;
    effort: string | null;
    benefitDirect: string | null;
    benefitIndirect: string | null;
    axis: string;
    horizon: string;
    removedReason: string | null;
    startPeriod: string | null;
    endPeriod: string | null;
    totalCost: number;
    costs: { year: number; initial: number; running: number }[];
    funding: { source: string; amount: number | null; pnrrMeasure: string | null; cup: string | null }[];
    lines: { edition: string; code: string }[];
    indicators: {
      name: string;
      unit: string | null;
      measuredBy: string;
      targets: { year: number; value: number }[];
      periods: { period: string; value: number | null; target: number | null }[];
    }[];
  }[];
}

const AXIS: Record<string, string> = {
  SEMPLIFICAZIONE: 'Semplificazione',
  PROMOZIONE: 'Promozione',
  COMPETENZE: 'Competenze',
  GOVERNANCE: 'Governance',
  NUOVI_SERVIZI: 'Nuovi servizi',
  INFRASTRUTTURE: 'Infrastrutture e piattaforme trasversali',
};
const HORIZON: Record<string, string> = {
  COMPLETED: 'Completato',
  IN_PROGRESS: 'In corso',
  SHORT_TERM: 'Breve termine',
  PROGRAMMED: 'Programmato',
  MEDIUM_LONG_TERM: 'Medio-lungo termine',
  COMPLETED_BEFORE: 'Completato prima del periodo',
  REMOVED: 'Stralciato dal Piano',
};
const LEVEL: Record<string, string> = { ALTO: 'Alto', MEDIO: 'Medio', BASSO: 'Basso' };
const FUNDING: Record<string, string> = {
  OWN_BUDGET: 'Bilancio proprio',
  REGION: 'Regione',
  PNRR: 'PNRR',
  STATE: 'Stato',
  EUROPEAN_FUNDS: 'Fondi europei',
  OTHER: 'Altro',
};
const STATE: Record<string, string> = { DRAFT: 'Bozza', APPROVED: 'Approvato', PUBLISHED: 'Pubblicato' };

const euro = new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
const number = new Intl.NumberFormat('it-IT', { maximumFractionDigits: 2 });
const semesterLabel = (p: string) => `${p.slice(6) === '1' ? 'I' : 'II'} sem. ${p.slice(0, 4)}`;
const dash = (v: string | null | undefined) => (v && v.trim() ? v : '—');

function semesters(doc: PianoDocument): string[] {
  const dated = doc.schede.filter((s) => s.startPeriod && s.endPeriod);
  if (dated.length === 0) return [];
  const index = (p: string) => Number(p.slice(0, 4)) * 2 + Number(p.slice(6)) - 1;
  const from = Math.min(...dated.map((s) => index(s.startPeriod!)));
  const to = Math.max(...dated.map((s) => index(s.endPeriod!)));
  const out: string[] = [];
  for (let i = from; i <= to; i++) out.push(`${Math.floor(i / 2)}-S${(i % 2) + 1}`);
  return out;
}

const funding = (s: PianoDocument['schede'][number]) =>
  s.funding
    .map(
      (f) =>
        `${FUNDING[f.source] ?? f.source}${f.pnrrMeasure ? ` misura ${f.pnrrMeasure}` : ''}${f.cup ? ` (CUP ${f.cup})` : ''}`,
    )
    .join('; ') || '—';
const period = (s: PianoDocument['schede'][number]) =>
  s.startPeriod && s.endPeriod ? `${semesterLabel(s.startPeriod)} – ${semesterLabel(s.endPeriod)}` : '—';
const approval = (doc: PianoDocument) =>
  doc.approvedOn
    ? `Approvato il ${new Date(doc.approvedOn).toLocaleDateString('it-IT')}: ${doc.approvalAct}`
    : `Stato: ${STATE[doc.state] ?? doc.state}`;

/** The rows of the quadro riassuntivo (seed 004 §5), header first. */
export function quadroRows(doc: PianoDocument): string[][] {
  return [
    ['Codice', 'Intervento', 'Classe', 'Asse', 'Piano Triennale', 'Periodo', 'Costo', 'Finanziamento'],
    ...doc.schede.map((s) => [
      s.code,
      s.title,
      HORIZON[s.horizon] ?? s.horizon,
      AXIS[s.axis] ?? s.axis,
      s.lines.map((l) => l.code).join(', ') || '—',
      period(s),
      euro.format(s.totalCost),
      funding(s),
    ]),
  ];
}

/** One scheda in seed 001's layout: label and value, one row each. */
export function schedaRows(s: PianoDocument['schede'][number]): [string, string][] {
  return [
    ['Codice e titolo', `${s.code} – ${s.title}`],
    ['Responsabile', dash(s.owner)],
    ['Destinatari', dash(s.beneficiaries)],
    ['Problema da risolvere', dash(s.problem)],
    ['Descrizione', dash(s.description)],
    ['Risultati attesi', dash(s.expectedResults)],
    ['Impatto', dash(s.impact)],
    ['Vincoli', dash(s.constraints)],
    ['Soggetti esterni coinvolti', dash(s.externalParties)],
    ['Competenze necessarie', dash(s.skills)],
    ['Impegno del personale', s.effort ? LEVEL[s.effort] : '—'],
    [
      'Benefici diretti / indiretti',
      `${s.benefitDirect ? LEVEL[s.benefitDirect] : '—'} / ${s.benefitIndirect ? LEVEL[s.benefitIndirect] : '—'}`,
    ],
    [
      'Costi',
      s.costs.length
        ? s.costs
            .map(
              (c) => `${c.year}: investimento ${euro.format(c.initial)}, gestione ${euro.format(c.running)}`,
            )
            .join('; ')
        : '—',
    ],
    ['Fonti di finanziamento', funding(s)],
    ['Linee del Piano Triennale', s.lines.map((l) => `${l.code} (${l.edition})`).join(', ') || '—'],
    ['Asse di intervento', AXIS[s.axis] ?? s.axis],
    ['Classe', `${HORIZON[s.horizon] ?? s.horizon}${s.removedReason ? `: ${s.removedReason}` : ''}`],
    ['Periodo', period(s)],
  ];
}

/** The indicators table: scheda, indicator, who measures, last value, target. */
export function indicatorRows(doc: PianoDocument): string[][] {
  return [
    ['Scheda', 'Indicatore', 'Misurato da', 'Valori per periodo', 'Obiettivi'],
    ...doc.schede.flatMap((s) =>
      s.indicators.map((x) => [
        s.code,
        `${x.name}${x.unit ? ` (${x.unit})` : ''}`,
        x.measuredBy === 'COMUNE' ? 'Ciascun Comune' : 'Ufficio associato',
        x.periods
          .map((p) => `${semesterLabel(p.period)}: ${p.value === null ? '—' : number.format(p.value)}`)
          .join('; ') || '—',
        x.targets.map((t) => `${t.year}: ${number.format(t.value)}`).join('; ') || '—',
      ]),
    ),
  ];
}

export function ganttRows(doc: PianoDocument): string[][] {
  const columns = semesters(doc);
  return [
    ['Scheda', ...columns.map(semesterLabel)],
    ...doc.schede
      .filter((s) => s.startPeriod && s.endPeriod)
      .map((s) => [s.code, ...columns.map((c) => (c >= s.startPeriod! && c <= s.endPeriod! ? '■' : ''))]),
  ];
}

const table = (rows: string[][], widths?: (string | number)[]): Content => ({
  table: {
    headerRows: 1,
    widths: widths ?? rows[0].map(() => '*'),
    body: rows.map((r, i) => r.map((cell): TableCell => ({ text: cell, bold: i === 0, fontSize: 8 }))),
  },
  layout: 'lightHorizontalLines',
});

/**
 * The Gantt in the PDF: the active semesters as filled cells (Titillium Web has no «■», which
 * drew nothing), the same rows as ganttRows.
 */
const ganttTable = (doc: PianoDocument): Content => {
  const rows = ganttRows(doc);
  return {
    table: {
      headerRows: 1,
      widths: [40, ...rows[0].slice(1).map(() => '*')],
      body: rows.map((r, i) =>
        r.map((cell, j): TableCell =>
          i > 0 && j > 0
            ? { text: cell ? ' ' : '', fontSize: 8, fillColor: cell ? '#0066cc' : undefined }
            : { text: cell, bold: i === 0, fontSize: 8 },
        ),
      ),
    },
    layout: {
      hLineWidth: () => 0.5,
      vLineWidth: () => 0.5,
      hLineColor: () => '#cccccc',
      vLineColor: () => '#cccccc',
    },
  };
};

export async function pianoPdf(doc: PianoDocument): Promise<Buffer> {
  const content: Content[] = [
    { text: doc.consortiumName, fontSize: 14, margin: [0, 120, 0, 10] },
    { text: doc.title, fontSize: 22, bold: true },
    { text: `Versione ${doc.number} – aggiornamento ${doc.year}`, margin: [0, 10, 0, 0] },
    { text: approval(doc), margin: [0, 4, 0, 0] },
    { toc: { title: { text: 'Indice', fontSize: 16, bold: true } }, pageBreak: 'before' },
    { text: 'Quadro riassuntivo degli interventi', style: 'h1', tocItem: true, pageBreak: 'before' },
    table(quadroRows(doc), [34, '*', 50, 55, 60, 55, 45, 70]),
    ...doc.schede.flatMap((s): Content[] => [
      { text: `Scheda intervento ${s.code}`, style: 'h1', tocItem: true, pageBreak: 'before' },
      {
        table: {
          widths: [130, '*'],
          body: schedaRows(s).map(([k, v]) => [
            { text: k, bold: true, fontSize: 9 },
            { text: v, fontSize: 9 },
          ]),
        },
      },
    ]),
    { text: 'Indicatori', style: 'h1', tocItem: true, pageBreak: 'before' },
    table(indicatorRows(doc), [34, '*', 60, '*', 70]),
    { text: 'Cronoprogramma', style: 'h1', tocItem: true, pageBreak: 'before' },
    ganttTable(doc),
  ];
  const definition: TDocumentDefinitions = {
    info: { title: doc.title, author: doc.consortiumName },
    pageSize: 'A4',
    pageMargins: [36, 40, 36, 40],
    content,
    styles: { h1: { fontSize: 15, bold: true, margin: [0, 0, 0, 8] } },
    footer: (page, pages) => ({
      text: `${doc.title} – pagina ${page} di ${pages}`,
      fontSize: 7,
      alignment: 'center',
    }),
  };
  return renderPdf(definition);
}

export async function pianoDocx(doc: PianoDocument): Promise<Buffer> {
  // Loaded on first use, like the other file builders (lazy-libraries.ts).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const d = require('docx') as typeof import('docx');
  const cell = (text: string, bold = false) =>
    new d.TableCell({ children: [new d.Paragraph({ children: [new d.TextRun({ text, bold, size: 16 })] })] });
  const grid = (rows: string[][]) =>
    new d.Table({
      width: { size: 100, type: d.WidthType.PERCENTAGE },
      rows: rows.map(
        (r, i) => new d.TableRow({ tableHeader: i === 0, children: r.map((c) => cell(c, i === 0)) }),
      ),
    });
  const heading = (text: string) =>
    new d.Paragraph({ text, heading: d.HeadingLevel.HEADING_1, pageBreakBefore: true });
  const document = new d.Document({
    creator: doc.consortiumName,
    title: doc.title,
    features: { updateFields: true },
    sections: [
      {
        children: [
          new d.Paragraph({ text: doc.consortiumName }),
          new d.Paragraph({ text: doc.title, heading: d.HeadingLevel.TITLE }),
          new d.Paragraph({ text: `Versione ${doc.number} – aggiornamento ${doc.year}` }),
          new d.Paragraph({ text: approval(doc) }),
          new d.Paragraph({ text: 'Indice', heading: d.HeadingLevel.HEADING_1, pageBreakBefore: true }),
          new d.TableOfContents('Indice', { hyperlink: true, headingStyleRange: '1-1' }),
          heading('Quadro riassuntivo degli interventi'),
          grid(quadroRows(doc)),
          ...doc.schede.flatMap((s) => [
            heading(`Scheda intervento ${s.code}`),
            grid([['Voce', 'Contenuto'], ...schedaRows(s)]),
          ]),
          heading('Indicatori'),
          grid(indicatorRows(doc)),
          heading('Cronoprogramma'),
          grid(ganttRows(doc)),
        ],
      },
    ],
  });
  return d.Packer.toBuffer(document);
}
