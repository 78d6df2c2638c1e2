import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { PianoDocument, pianoDocx, pianoPdf } from './piano-document';

const scheda = (
  code: string,
  title: string,
  start: string,
  end: string,
): PianoDocument['schede'][number] => ({
  code,
  title,
  owner: 'Ufficio associato RTD',
  beneficiaries: 'Cittadini e imprese',
  problem: 'Istanze ancora cartacee',
  description: 'Sportello telematico unico per i Comuni',
  expectedResults: 'Tutte le istanze online',
  impact: null,
  constraints: null,
  externalParties: null,
  skills: null,
  effort: 'MEDIO',
  benefitDirect: 'ALTO',
  benefitIndirect: 'BASSO',
  axis: 'NUOVI_SERVIZI',
  horizon: 'IN_PROGRESS',
  removedReason: null,
  startPeriod: start,
  endPeriod: end,
  totalCost: 26000,
  costs: [{ year: 2026, initial: 20000, running: 6000 }],
  funding: [{ source: 'PNRR', amount: 20000, pnrrMeasure: '1.4.1', cup: 'J51B21005280006' }],
  lines: [{ edition: '2022-2024', code: 'CAP1.PA.LA14' }],
  indicators: [
    {
      name: 'Comuni con lo sportello attivo',
      unit: null,
      measuredBy: 'COMUNE',
      targets: [{ year: 2026, value: 50 }],
      periods: [
        { period: '2025-S2', value: 45, target: 50 },
        { period: '2026-S1', value: 70, target: 50 },
      ],
    },
  ],
});

const DOC: PianoDocument = {
  consortiumName: "Ufficio RTD associato dell'Area Cremasca",
  title: 'Piano triennale per la transizione al digitale 2025-2027',
  number: 1,
  year: 2025,
  state: 'APPROVED',
  approvedOn: '2025-03-20',
  approvalAct: 'Conferenza dei Sindaci, verbale n. 2',
  schede: [
    scheda('SA-01', 'Sportello telematico associato', '2025-S1', '2026-S2'),
    scheda('FO-01', 'Formazione del personale', '2026-S1', '2027-S2'),
  ],
};

describe('The Piano document', () => {
  it('PDF: cover, index, quadro riassuntivo, one page per scheda, indicators and Gantt', async () => {
    const pdf = await pianoPdf(DOC);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const dir = mkdtempSync(path.join(tmpdir(), 'piano-'));
    try {
      const file = path.join(dir, 'piano.pdf');
      writeFileSync(file, pdf);
      const pages = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).split('\f');
      expect(pages[0]).toContain('Piano triennale per la transizione al digitale 2025-2027');
      expect(pages[0]).toContain('Conferenza dei Sindaci, verbale n. 2');
      expect(pages[1]).toContain('Indice');
      expect(pages[1]).toContain('Scheda intervento FO-01');
      const text = pages.join('\n');
      expect(text).toContain('Quadro riassuntivo degli interventi');
      const schedaPages = pages.filter(
        (p) => /Scheda intervento (SA|FO)-01\s/.test(p) && p.includes('Problema da risolvere'),
      );
      expect(schedaPages).toHaveLength(2);
      expect(text).toContain('CUP J51B21005280006');
      expect(text).toContain('Comuni con lo sportello attivo');
      expect(text).toMatch(/Cronoprogramma[\s\S]*II sem. 2027/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('DOCX: the same content, editable', async () => {
    const docx = await pianoDocx(DOC);
    const zip = await JSZip.loadAsync(docx);
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, ' ');
    for (const expected of [
      'Piano triennale per la transizione al digitale 2025-2027',
      'Quadro riassuntivo degli interventi',
      'Scheda intervento SA-01',
      'Scheda intervento FO-01',
      'Problema da risolvere',
      'CUP J51B21005280006',
      'Indicatori',
      'Cronoprogramma',
      'II sem. 2027',
    ]) {
      expect(text).toContain(expected);
    }
  });
});
