import type { Content, TableCell } from 'pdfmake/interfaces';
import { ComuneSheet } from '../export-data';
import { formatDate } from '../italian-format';

/**
 * The scheda's cronoprogramma as a Gantt by semester (seed 003, Allegato 1: «unisce sia gli
 * obiettivi del PNRR che quelli del Piano Triennale»): one row per activity, a bar over the
 * semesters of the Piano's own period («Da …» to «Entro …» of its lines) and a darker cell with
 * «S» at the objective's due date; one row per PNRR call, a bar from its opening to its closing.
 * A pdfmake table: the bars are filled cells, so the file stays text and prints crisply.
 */

/** "2024-S1" */
export type Semester = string;

export interface GanttRow {
  label: string;
  /** The Piano's words under the label ("CAP6.PA.LA06: Entro dicembre 2023"). */
  detail: string[];
  kind: 'plan' | 'pnrr';
  /** First and last day of the bar (YYYY-MM-DD); null: open on that side (clipped to the axis). */
  from: string | null;
  to: string | null;
  /** The objective's due date (plan rows). */
  due: string | null;
}

export const MAX_SEMESTERS = 16;
export const PLAN_BAR = '#b3d1f0';
export const PNRR_BAR = '#b3e0cc';
export const DUE_CELL = '#0066cc';
const TODAY = '#cc334d';
const GRID = '#d9dadb';

export const semesterOf = (day: string): Semester =>
  `${day.slice(0, 4)}-S${Number(day.slice(5, 7)) <= 6 ? 1 : 2}`;

const nextSemester = (s: Semester): Semester =>
  s.endsWith('S1') ? `${s.slice(0, 4)}-S2` : `${Number(s.slice(0, 4)) + 1}-S1`;

export function semesterRange(first: Semester, last: Semester): Semester[] {
  const out: Semester[] = [];
  for (let s = first; s <= last && out.length < 200; s = nextSemester(s)) out.push(s);
  return out;
}

/** "I sem. 2024" */
export const semesterLabel = (s: Semester) => `${s.endsWith('S1') ? 'I' : 'II'} sem. ${s.slice(0, 4)}`;

/** The rows of a comune: its activities by due date, then its PNRR calls by opening. */
export function ganttRows(sheet: ComuneSheet): GanttRow[] {
  const plan = sheet.assignments.map(({ assignment, objectiveTitle, lines, edition }): GanttRow => {
    const deadlines = lines.flatMap((line) => line.deadlines.map((d) => ({ ...d, line: line.code })));
    const starts = deadlines.filter((d) => d.kind === 'FROM').map((d) => d.date);
    const ends = deadlines.filter((d) => d.kind === 'BY').map((d) => d.date);
    const editionStart = /^\d{4}/.test(edition) ? `${edition.slice(0, 4)}-01-01` : null;
    const detail = lines
      .map((line) => {
        const words = line.deadlines.map((d) => d.words).join('; ');
        return `${line.code}: ${words || 'nessuna data nel Piano'}`;
      })
      .slice(0, 3);
    if (lines.length > 3) detail.push(`e altre ${lines.length - 3} linee`);
    return {
      label: objectiveTitle,
      detail,
      kind: 'plan',
      // «Da …»: an ongoing duty from then; only «Entro …»: from the edition's start.
      from: starts.length ? [...starts].sort()[0] : editionStart,
      // «Entro …»: the last of its lines' deadlines; only «Da …»: open, to the axis' end.
      to: ends.length ? [...ends].sort().at(-1)! : starts.length ? null : assignment.dueDate,
      due: assignment.dueDate,
    };
  });
  plan.sort(
    (a, b) => (a.due ?? '9999').localeCompare(b.due ?? '9999') || a.label.localeCompare(b.label, 'it'),
  );
  const calls = new Map<string, GanttRow>();
  for (const application of sheet.pnrr.applications) {
    const { call } = application;
    if (!call.opensOn && !call.closesOn) continue;
    calls.set(call.title, {
      label: `Avviso PNRR ${call.measure.code}`,
      detail: [
        call.title,
        [
          call.opensOn && `dal ${formatDate(call.opensOn)}`,
          call.closesOn && `al ${formatDate(call.closesOn)}`,
        ]
          .filter(Boolean)
          .join(' '),
      ],
      kind: 'pnrr',
      from: call.opensOn ?? call.closesOn,
      to: call.closesOn ?? call.opensOn,
      due: null,
    });
  }
  const pnrr = [...calls.values()].sort((a, b) => (a.from ?? '').localeCompare(b.from ?? ''));
  return [...plan, ...pnrr];
}

/** Semesters of history shown before today's at most, so that today is always on the axis. */
const HISTORY = 10;

/**
 * The semesters shown: from the earliest date (at most HISTORY semesters before today's) to the
 * latest, MAX_SEMESTERS at most; a bar or a due date outside them is clipped (its dates stay in
 * the row's label), so one far-off date does not squeeze the others out.
 */
export function axisOf(rows: GanttRow[], today: string): Semester[] {
  const now = semesterOf(today);
  const days = rows
    .flatMap((r) => [r.from, r.to, r.due])
    .filter((d): d is string => d !== null && /^\d{4}-\d{2}-\d{2}$/.test(d));
  const semesters = [now, ...days.map(semesterOf)].sort();
  const earliest = semesterRange(semesters[0], now);
  const first = earliest[Math.max(0, earliest.length - 1 - HISTORY)];
  return semesterRange(first, semesters.at(-1)!).slice(0, MAX_SEMESTERS);
}

/** The Gantt as a pdfmake table, with its legend; a sentence when there is nothing to draw. */
export function ganttTable(rows: GanttRow[], today: string, width = 515): Content[] {
  if (rows.length === 0)
    return [{ text: 'Nessuna attività né avviso PNRR da mettere in calendario.', italics: true }];
  const axis = axisOf(rows, today);
  const now = semesterOf(today);
  const labelWidth = 170;
  const cell = Math.max(14, Math.floor((width - labelWidth) / axis.length) - 1);
  const years = [...new Set(axis.map((s) => s.slice(0, 4)))];
  const yearRow: TableCell[] = [{ text: 'Attività o avviso', style: 'th', rowSpan: 2 }];
  for (const year of years) {
    const span = axis.filter((s) => s.startsWith(year)).length;
    yearRow.push({ text: year, style: 'th', alignment: 'center', colSpan: span });
    for (let i = 1; i < span; i++) yearRow.push({});
  }
  const semesterRow: TableCell[] = [
    {},
    ...axis.map((s): TableCell => ({
      text: s === now ? 'oggi' : s.endsWith('S1') ? 'I' : 'II',
      style: 'th',
      alignment: 'center',
      fontSize: 7,
      color: s === now ? TODAY : undefined,
    })),
  ];
  const body: TableCell[][] = [yearRow, semesterRow];
  for (const row of rows) {
    const first = row.from ? semesterOf(row.from) : axis[0];
    const last = row.to ? semesterOf(row.to) : axis.at(-1)!;
    const due = row.due ? semesterOf(row.due) : null;
    const colour = row.kind === 'plan' ? PLAN_BAR : PNRR_BAR;
    body.push([
      {
        stack: [
          { text: row.label, bold: true, fontSize: 8 },
          ...row.detail.map((d) => ({ text: d, fontSize: 6.5, color: '#5c6f82' })),
          ...(row.due ? [{ text: `Scadenza dell’obiettivo: ${formatDate(row.due)}`, fontSize: 6.5 }] : []),
        ],
      },
      ...axis.map((s): TableCell => {
        if (s === due)
          return {
            text: 'S',
            bold: true,
            color: '#ffffff',
            fillColor: DUE_CELL,
            alignment: 'center',
            fontSize: 7,
          };
        return { text: '', fillColor: s >= first && s <= last ? colour : undefined };
      }),
    ]);
  }
  return [
    {
      table: { headerRows: 2, dontBreakRows: true, widths: [labelWidth, ...axis.map(() => cell)], body },
      layout: {
        hLineWidth: () => 0.5,
        vLineWidth: (i: number) => (i === 0 || i === axis.length + 1 ? 0 : 0.5),
        hLineColor: () => GRID,
        vLineColor: (i: number) => (i > 1 && axis[i - 1]?.endsWith('S1') ? '#8b99a7' : GRID),
        paddingLeft: (i: number) => (i === 0 ? 2 : 0),
        paddingRight: (i: number) => (i === 0 ? 4 : 0),
        paddingTop: () => 2,
        paddingBottom: () => 2,
      },
    },
    {
      margin: [0, 4, 0, 0],
      fontSize: 7.5,
      columns: [
        legend(PLAN_BAR, 'Periodo del Piano Triennale («Da …», «Entro …»)'),
        legend(DUE_CELL, 'S = scadenza dell’obiettivo', '#ffffff', 'S'),
        legend(PNRR_BAR, 'Avviso PNRR: apertura e chiusura'),
        { text: [{ text: 'oggi', color: TODAY, bold: true }, ': semestre in corso'], width: 'auto' },
      ],
      columnGap: 10,
    },
  ];
}

function legend(fill: string, text: string, colour = '#1a1a1a', mark = ''): Content {
  return {
    width: 'auto',
    columns: [
      {
        width: 12,
        table: {
          widths: [8],
          body: [[{ text: mark || ' ', fillColor: fill, color: colour, fontSize: 6, bold: true }]],
        },
        layout: 'noBorders',
      },
      { text, width: 'auto' },
    ],
    columnGap: 3,
  } as Content;
}
