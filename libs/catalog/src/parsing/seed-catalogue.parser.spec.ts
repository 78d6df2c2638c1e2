import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deriveEdition } from '../facts/derive-facts';
import { builtInEditions } from '../import/built-in-editions';
import { CatalogParseError } from './catalog-parse.error';
import { ParsedEdition } from './catalog.types';
import { readManifest } from './edition-manifest';
import { parseSeedCatalogue as parseRaw } from './seed-catalogue.parser';

const MANIFEST = readManifest(
  JSON.parse(
    readFileSync(join(builtInEditions().find((e) => e.code === '2022-2024')!.dir, 'edition.json'), 'utf8'),
  ),
  'edition.json',
);
const CHAPTER_TITLES_2022_2024 = new Map(
  Object.entries(MANIFEST.chapterTitles).map(([n, t]) => [Number(n), t]),
);

/** The seed's lines with the facts the rules read (no corrections: the seed as printed). */
function parseSeedCatalogue(text: string, file: string): ParsedEdition {
  return deriveEdition({ raw: parseRaw(text, file, MANIFEST), corrections: [], overrides: [] });
}

const SEED_FILE = 'seed-003-crema.txt';
const seedText = readFileSync(join(__dirname, '..', '..', 'data', '2022-2024', SEED_FILE), 'utf8');

describe('parseSeedCatalogue on seed 003', () => {
  const edition = parseSeedCatalogue(seedText, SEED_FILE);
  const coded = edition.lines.filter((l) => !l.local);
  const byCode = (code: string) => {
    const line = edition.lines.find((l) => l.code === code);
    if (!line) throw new Error(`${code} missing`);
    return line;
  };

  it('is the 2022-2024 edition', () => {
    expect(edition.code).toBe('2022-2024');
    expect(edition.title).toBe("Piano Triennale per l'informatica nella PA 2022-2024");
  });

  it('holds each distinct code of the seed once', () => {
    // 77 code occurrences in the text: 2 in the closing annex, 3 codes listed under both OB.2.1 and
    // OB.2.2 (CAP2.PA.LA15, CAP.PA.LA19, CAP.PA.LA20), leaving 72 distinct coded lines.
    expect(seedText.match(/CAP\d*\.PA\.LA\d+/g)).toHaveLength(77);
    expect(coded).toHaveLength(72);
    expect(new Set(coded.map((l) => l.code)).size).toBe(72);
    for (const line of coded) expect(line.code).toMatch(new RegExp(`^CAP${line.chapter}\\.PA\\.LA\\d{2}$`));
  });

  it('repairs the two chapter-less codes into chapter 2', () => {
    expect(edition.lines.some((l) => l.code.startsWith('CAP.PA.'))).toBe(false);
    for (const code of ['CAP2.PA.LA19', 'CAP2.PA.LA20']) {
      expect(byCode(code)).toMatchObject({
        chapter: 2,
        chapterTitle: 'Dati',
        objectiveCodes: ['OB.2.1', 'OB.2.2'],
      });
    }
  });

  it('keeps a line listed under two objectives once, with both', () => {
    expect(byCode('CAP2.PA.LA15')).toMatchObject({
      objectiveCodes: ['OB.2.1', 'OB.2.2'],
      deadlineKind: 'FROM',
      deadline: '2023-03-01',
      source: { file: SEED_FILE, line: 1218 },
    });
  });

  it('does not let the annex summary add lines or objectives', () => {
    expect(edition.lines.filter((l) => l.code === 'CAP6.PA.LA06')).toHaveLength(1);
    expect(byCode('CAP6.PA.LA06')).toMatchObject({ objectiveCodes: ['OB.6.1'], deadline: '2023-12-31' });
  });

  it('reads the population threshold of CAP1.PA.LA19', () => {
    expect(byCode('CAP1.PA.LA19')).toMatchObject({
      minPopulation: 15001,
      maxPopulation: null,
      deadlineKind: 'BY',
      deadline: '2023-12-31',
    });
    expect(edition.lines.filter((l) => l.minPopulation !== null).map((l) => l.code)).toEqual([
      'CAP1.PA.LA19',
    ]);
  });

  it('keeps the day named in the text of CAP1.PA.LA20', () => {
    expect(byCode('CAP1.PA.LA20')).toMatchObject({ deadlineKind: 'BY', deadline: '2023-09-23' });
  });

  it('strips the date prefix and the code suffix from the text', () => {
    expect(byCode('CAP1.PA.LA01').text).toBe(
      'I Comuni pubblicano le statistiche di utilizzo dei propri siti web e possono, in funzione delle proprie necessità, aderire a Web Analytics Italia per migliorare il processo evolutivo dei propri servizi online',
    );
    expect(byCode('CAP8.PA.LA07').text).toBe(
      'I Comuni che hanno nominato il RTD possono aderire alla piattaforma di community',
    );
    expect(byCode('CAP1.PA.LA16').text).toBe(
      'I Comuni devono pubblicare gli obiettivi di accessibilità sul proprio sito',
    );
  });

  it('files objectives under the chapter of their lines, not under the seed part numbering', () => {
    expect(byCode('CAP8.PA.LA07').objectiveCodes).toEqual(['OB.8.1']);
    expect(byCode('CAP8.PA.LA25').objectiveCodes).toEqual(['OB.8.2']);
    expect(byCode('CAP7.PA.LA07').objectiveCodes).toEqual(['OB.7.1']);
    expect(byCode('CAP7.PA.LA12').objectiveCodes).toEqual(['OB.7.2']);
    expect(byCode('CAP6.PA.LA01').objectiveCodes).toEqual(['OB.6.1']);
    for (const line of edition.lines) {
      for (const objective of line.objectiveCodes)
        expect(objective).toMatch(new RegExp(`^OB\\.${line.chapter}\\.\\d+$`));
    }
  });

  it('keeps the uncoded lines of the Comuni as local lines', () => {
    expect(edition.lines.filter((l) => l.local)).toEqual([
      expect.objectContaining({
        code: 'LOC.CAP3.01',
        chapter: 3,
        objectiveCodes: ['OB.3.1'],
        text: 'Attivare Login with eIDAS per tutti i servizi online individuati.',
        deadlineKind: 'BY',
        deadline: '2023-12-31',
      }),
      expect.objectContaining({
        code: 'LOC.CAP6.01',
        chapter: 6,
        objectiveCodes: ['OB.6.1'],
        text: 'I Comuni si pongono obiettivi di miglioramento progressivo nel prossimo triennio delle Misure di sicurezza ICT già adottate',
        deadlineKind: 'NONE',
        deadline: null,
      }),
      expect.objectContaining({
        code: 'LOC.CAP8.01',
        chapter: 8,
        objectiveCodes: ['OB.8.2'],
        text: 'Monitoraggio periodico sull’attuazione del Piano da parte dell’Ufficio RTD in collaborazione con la Rete di Referenti',
        deadlineKind: 'FROM',
        deadline: '2022-06-01',
      }),
    ]);
  });

  it('does not turn narrative bullets into lines', () => {
    const texts = edition.lines.map((l) => l.text).join('\n');
    expect(texts).not.toMatch(/definire ruoli e responsabilità/);
    expect(texts).not.toMatch(/Piattaforma Gestione Deleghe/);
    expect(texts).not.toMatch(/de-duplicazione e la co-creazione/);
    expect(texts).not.toMatch(/Dott\. Massimiliano Alesio/);
    expect(texts).not.toMatch(/predisposizione del piano di migrazione/);
  });

  it('finds the accessibility lines by text', () => {
    const codes = edition.lines.filter((l) => /accessibilit/i.test(l.text)).map((l) => l.code);
    expect(codes).toEqual(expect.arrayContaining(['CAP1.PA.LA16', 'CAP1.PA.LA20']));
  });

  it('uses chapter titles that match the seed part headers', () => {
    for (const [chapter, title] of CHAPTER_TITLES_2022_2024) {
      const lines = edition.lines.filter((l) => l.chapter === chapter);
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) expect(line.chapterTitle).toBe(title);
      if (chapter === 8) continue;
      const header = `${title.toUpperCase().replace("'", '’')} - OBIETTIVI E RISULTATI ATTESI`;
      expect(seedText).toContain(header);
    }
    expect(seedText).toContain(
      'ORGANIZZAZIONE PER LA TRASFORMAZIONE DIGITALE – OBIETTIVI E RISULTATI ATTESI',
    );
  });

  it('sorts lines by chapter, then code', () => {
    const keys = edition.lines.map((l) => [l.chapter, l.code] as const);
    const sorted = [...keys].sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    expect(keys).toEqual(sorted);
  });
});

describe('parseSeedCatalogue on malformed text', () => {
  const header = 'SERVIZI - OBIETTIVI E RISULTATI ATTESI\n\nOB.1.1 - Migliorare la capacità\n\n';
  const good = '● Da settembre 2020 (in corso) – I Comuni pubblicano le statistiche - CAP1.PA.LA01\n';

  function expectFailure(text: string, line: number, reason: RegExp): void {
    let error: unknown;
    try {
      parseSeedCatalogue(text, 'piano.txt');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CatalogParseError);
    expect(error).toMatchObject({ file: 'piano.txt', line });
    expect((error as CatalogParseError).reason).toMatch(reason);
    expect((error as CatalogParseError).message).toMatch(new RegExp(`^piano\\.txt:${line}: `));
  }

  it('accepts a minimal plan', () => {
    expect(parseSeedCatalogue(header + good, 'piano.txt').lines).toEqual([
      expect.objectContaining({ code: 'CAP1.PA.LA01', source: { file: 'piano.txt', line: 5 } }),
    ]);
  });

  it('rejects a code outside the edition pattern', () => {
    expectFailure(
      `${header}● Da settembre 2020 – I Comuni fanno - CAP1.PA.01\n`,
      5,
      /non conforme al formato CAPn\.PA\.LAnn/,
    );
  });

  it('rejects a chapter-less code that is not a known misprint', () => {
    expectFailure(`${header}● Da settembre 2020 – I Comuni fanno - CAP.PA.LA07\n`, 5, /non conforme/);
  });

  it('rejects a code listed twice with different texts', () => {
    const text = `${header}${good}\nOB.1.2 - Altro\n\n● Da settembre 2020 – I Comuni fanno altro - CAP1.PA.LA01\n`;
    expectFailure(
      text,
      9,
      /CAP1\.PA\.LA01 compare con due testi o date diversi \(prima occorrenza alla riga 5\)/,
    );
  });

  it('rejects an unknown month', () => {
    expectFailure(
      `${header}● Entro dicembri 2023 – I Comuni fanno - CAP1.PA.LA01\n`,
      5,
      /mese sconosciuto "dicembri"/,
    );
  });

  it('rejects a code in the narrative', () => {
    expectFailure(
      `Premessa\n\nI Comuni attuano CAP1.PA.LA01 come previsto.\n${header}${good}`,
      3,
      /fuori da una linea d'azione/,
    );
  });

  it('rejects a coded bullet outside an objective', () => {
    const text = `SERVIZI - OBIETTIVI E RISULTATI ATTESI\n\nObiettivi preliminari\n\n● definire ruoli - CAP1.PA.LA01\n`;
    expectFailure(text, 5, /non appartiene a un obiettivo/);
  });

  it('rejects lines of two chapters under one part', () => {
    const text = `${header}${good}● Da settembre 2020 – I Comuni fanno - CAP2.PA.LA01\n`;
    expectFailure(text, 1, /mescola linee dei capitoli 1, 2/);
  });

  it('rejects an annex that restates an unknown code or a different text', () => {
    const annex = '\nALLEGATO 1\n\n● Da settembre 2020 – I Comuni fanno - CAP1.PA.LA02\n';
    expectFailure(header + good + annex, 9, /richiama il codice CAP1\.PA\.LA02, assente/);
    const reworded = '\nALLEGATO 1\n\n● Da settembre 2020 – I Comuni fanno - CAP1.PA.LA01\n';
    expectFailure(header + good + reworded, 9, /testo diverso dalla riga 5/);
  });
});
