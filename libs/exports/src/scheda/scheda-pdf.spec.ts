import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ComuneSheet, SheetAssignment } from '../export-data';
import { axisOf, ganttRows, MAX_SEMESTERS, semesterOf } from './gantt';
import { renderScheda } from './scheda-pdf';

const line = (code: string, deadlines: { kind: 'FROM' | 'BY'; date: string; words: string }[]) =>
  ({ code, deadlines }) as unknown as SheetAssignment['lines'][number];

const activity = (
  title: string,
  status: string,
  dueDate: string,
  lines: SheetAssignment['lines'],
  extra: Partial<SheetAssignment> & { issues?: string | null } = {},
): SheetAssignment => ({
  assignment: {
    id: title,
    status,
    progress: status === 'COMPLETED' ? 100 : 40,
    dueDate,
    overdue: false,
    issues: extra.issues ?? null,
  } as unknown as SheetAssignment['assignment'],
  objectiveTitle: title,
  edition: '2024-2026',
  closedAt: null,
  lines,
  evidence: [],
  publicNote: null,
  funding: [],
  ...extra,
});

const sheet = (name: string, narrative: string | null): ComuneSheet =>
  ({
    comune: {
      name,
      istatCode: '019035',
      provinceName: 'Cremona',
      regionName: 'Lombardia',
      population: 34000,
      populationDate: '2021-01-01',
    },
    consortium: { id: 'c', name: 'Ufficio RTD associato dell’Area Cremasca' },
    referents: [{ role: 'Referente del Comune', name: 'Anna Moretti', email: 'anna@example.it' }],
    narrative,
    assignments: [
      activity(
        'Misure minime di sicurezza ICT',
        'IN_PROGRESS',
        '2026-12-31',
        [line('CAP6.PA.LA06', [{ kind: 'BY', date: '2026-12-31', words: 'Entro dicembre 2026' }])],
        { issues: 'Manca il fornitore del servizio di backup' },
      ),
      activity(
        'Dati aperti tramite PDND',
        'COMPLETED',
        '2025-06-30',
        [line('CAP1.PA.LA19', [{ kind: 'FROM', date: '2024-01-01', words: 'Da gennaio 2024' }])],
        { publicNote: { at: new Date('2025-05-02T10:00:00Z'), note: 'Catalogo pubblicato e verificato' } },
      ),
    ],
    pnrr: {
      ownAmount: 14000,
      territoryAmount: null,
      schoolsAmount: 0,
      otherBodiesAmount: 0,
      measures: [],
      applications: [],
    },
  }) as unknown as ComuneSheet;

const pdfText = (pdf: Buffer): string => {
  const dir = mkdtempSync(path.join(tmpdir(), 'scheda-unit-'));
  try {
    const file = path.join(dir, 'scheda.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-']).toString('utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

describe('The scheda per comune in the shape of seed 003, Allegato 1', () => {
  it('draws the Piano’s periods as bars by semester: «Da …» to the axis’ end, «Entro …» from the edition’s start', () => {
    const rows = ganttRows(sheet('Crema', null));
    expect(rows.map((r) => [r.label, r.from, r.to, r.due])).toEqual([
      ['Dati aperti tramite PDND', '2024-01-01', null, '2025-06-30'],
      ['Misure minime di sicurezza ICT', '2024-01-01', '2026-12-31', '2026-12-31'],
    ]);
    expect(rows[0].detail).toEqual(['CAP1.PA.LA19: Da gennaio 2024']);
    expect(axisOf(rows, '2026-12-07')).toEqual([
      '2024-S1',
      '2024-S2',
      '2025-S1',
      '2025-S2',
      '2026-S1',
      '2026-S2',
    ]);
    expect(semesterOf('2026-07-01')).toBe('2026-S2');
    // A far-off date is clipped: today stays on the axis, with at most five years before it.
    const long = [{ ...rows[0], from: '2010-01-01', to: '2099-12-31' }];
    const axis = axisOf(long, '2026-12-07');
    expect(axis).toHaveLength(MAX_SEMESTERS);
    expect(axis[0]).toBe('2021-S2');
    expect(axis).toContain('2026-S2');
  });

  it('prints letterhead, header, referents, the narrative, criticità and public notes, the Gantt and the signature', async () => {
    const pdf = await renderScheda(
      [sheet('Crema', 'Il Comune ha avviato la migrazione al cloud.')],
      '2026-12-07',
    );
    writeFileSync(path.join(tmpdir(), 'scheda-unit.pdf'), pdf); // to look at: pdftoppm -png -r 80
    const text = pdfText(pdf);
    for (const expected of [
      'Ufficio RTD associato dell’Area Cremasca',
      'Ufficio per la transizione al digitale in forma associata',
      '7 dicembre 2026',
      'Allegato 1 · Scheda relativa al singolo Comune',
      'Comune di Crema',
      'Anna Moretti',
      'Breve descrizione dello stato dell’arte',
      'Il Comune ha avviato la migrazione al cloud.',
      'Criticità: Manca il fornitore del servizio di backup',
      'Criticità: nessuna segnalata',
      'Nota dell’Ufficio (02/05/2025, 12:00): Catalogo pubblicato e verificato',
      'Cronoprogramma degli obiettivi da raggiungere, per semestre',
      'CAP6.PA.LA06: Entro dicembre 2026',
      'Scadenza dell’obiettivo: 31/12/2026',
      'Periodo del Piano Triennale',
      'Il Responsabile per la transizione al digitale',
      '(firma)',
    ])
      expect(text.replace(/[ \t]+/g, ' ')).toContain(expected);
    expect(text).not.toContain('Indice dei Comuni');
  });

  it('gives a consortium’s file a cover and an index of its comuni with their pages', async () => {
    const text = pdfText(await renderScheda([sheet('Crema', null), sheet('Pandino', null)], '2026-12-07'));
    const pages = text.split('\f');
    expect(pages[0]).toContain('Schede relative ai singoli Comuni');
    expect(pages[0]).toContain('dei 2 Comuni');
    expect(pages[1]).toContain('Indice dei Comuni');
    const index = pages[1].split('\n').map((l) => l.replace(/\s+/g, ' ').trim());
    const crema = index.find((l) => l.startsWith('Comune di Crema'));
    const pandino = index.find((l) => l.startsWith('Comune di Pandino'));
    expect(crema).toMatch(/ 3$/);
    const pandinoPage = Number(pandino!.split(' ').at(-1));
    expect(pages[pandinoPage - 1]).toContain('Comune di Pandino');
    expect(text).toContain('L’Ufficio non ha ancora scritto la descrizione');
  });
});
