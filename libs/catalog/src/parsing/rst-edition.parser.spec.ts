import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { deriveEdition } from '../facts/derive-facts';
import { builtInEditions } from '../import/built-in-editions';
import { CatalogParseError } from './catalog-parse.error';
import { ParsedEdition } from './catalog.types';
import { readEditionFromPath } from './edition-bundle';

/** A folder of reStructuredText read as the operator's import reads it, facts included. */
async function parseRstEdition(code: string, dir: string): Promise<ParsedEdition> {
  return deriveEdition(await readEditionFromPath(dir, { code }));
}

async function builtIn(code: string): Promise<ParsedEdition> {
  const edition = builtInEditions().find((e) => e.code === code)!;
  return deriveEdition(await readEditionFromPath(edition.dir, null));
}

function byCode(edition: ParsedEdition, code: string) {
  const line = edition.lines.find((l) => l.code === code);
  if (!line) throw new Error(`${code} missing`);
  return line;
}

describe('parseRstEdition on the 2020-2022 sources', () => {
  let edition: ParsedEdition;
  beforeAll(async () => {
    edition = await builtIn('2020-2022');
  });

  it('yields the 109 distinct CAPn.PA.LAnn lines and nothing else', () => {
    expect(edition.code).toBe('2020-2022');
    expect(edition.title).toBe("Piano Triennale per l'informatica nella PA 2020-2022");
    expect(edition.lines).toHaveLength(109);
    expect(new Set(edition.lines.map((l) => l.code)).size).toBe(109);
    for (const line of edition.lines) {
      expect(line.code).toMatch(/^CAP[1-8]\.PA\.LA\d{2}$/);
      expect(line.code.startsWith(`CAP${line.chapter}.`)).toBe(true);
      expect(line.local).toBe(false);
      expect(line.objectiveCodes.length).toBeGreaterThan(0);
      for (const objective of line.objectiveCodes)
        expect(objective).toMatch(new RegExp(`^OB\\.${line.chapter}\\.\\d+$`));
      expect(line.text).not.toMatch(/\*|`|CAP\d|^\s|\s$|\s{2}/);
      expect(line.source.file).toMatch(/^capitolo-\d-[^/]+\/cosa-devono-fare-le-pa(-\d)?\.rst$/);
    }
  });

  it('takes chapter titles from the RST headings', () => {
    const titles = new Map(edition.lines.map((l) => [l.chapter, l.chapterTitle]));
    expect(Object.fromEntries(titles)).toEqual({
      1: 'Servizi',
      2: 'Dati',
      3: 'Piattaforme',
      4: 'Infrastrutture',
      5: 'Interoperabilità',
      6: 'Sicurezza informatica',
      7: 'Strumenti e modelli per l’innovazione',
      8: 'Governare la trasformazione digitale',
    });
  });

  it('reads dates, the day named in the body and the source line', () => {
    expect(byCode(edition, 'CAP1.PA.LA01')).toMatchObject({
      deadlineKind: 'FROM',
      deadline: '2020-09-01',
      objectiveCodes: ['OB.1.1'],
      text: 'Le PA finalizzano l’adesione a Web Analytics Italia per migliorare il processo evolutivo dei propri servizi online',
      source: { file: 'capitolo-1-servizi/cosa-devono-fare-le-pa.rst', line: 7 },
    });
    expect(byCode(edition, 'CAP1.PA.LA11')).toMatchObject({ deadlineKind: 'BY', deadline: '2020-09-23' });
    expect(byCode(edition, 'CAP1.PA.LA15')).toMatchObject({ deadlineKind: 'BY', deadline: '2021-06-23' });
    expect(byCode(edition, 'CAP1.PA.LA04')).toMatchObject({ deadlineKind: 'BY', deadline: '2020-10-31' });
    expect(byCode(edition, 'CAP8.PA.LA31')).toMatchObject({ objectiveCodes: ['OB.8.3'] });
  });

  it('repairs the two codes printed without the leading zero', () => {
    expect(byCode(edition, 'CAP3.PA.LA08').text).toMatch(/tempistiche per l’adozione dello SPID$/);
    expect(byCode(edition, 'CAP3.PA.LA09').text).toMatch(/SPID-only nei confronti dei cittadini/);
  });

  it('resolves RST inline markup, links and escaped spaces', () => {
    expect(byCode(edition, 'CAP6.PA.LA03').text).toBe(
      'Le PA che intendono istituire i CERT di prossimità devono far riferimento alle Linee guida per lo sviluppo e la definizione del modello di riferimento per i CERT di prossimità',
    );
    expect(byCode(edition, 'CAP2.PA.LA02').text).toBe(
      'Le PA rendono disponibili i dati territoriali attraverso i servizi di cui alla Direttiva 2007/2/EC (INSPIRE)',
    );
  });

  it('has no population thresholds', () => {
    expect(edition.lines.filter((l) => l.minPopulation !== null)).toEqual([]);
  });
});

describe('parseRstEdition on the 2024-2026 sources', () => {
  let edition: ParsedEdition;
  beforeAll(async () => {
    edition = await builtIn('2024-2026');
  });

  it('yields the 122 distinct CAPn.PA.nn lines', () => {
    expect(edition.title).toBe("Piano Triennale per l'informatica nella PA 2024-2026");
    expect(edition.lines).toHaveLength(122);
    expect(new Set(edition.lines.map((l) => l.code)).size).toBe(122);
    for (const line of edition.lines) {
      expect(line.code).toMatch(new RegExp(`^CAP${line.chapter}\\.PA\\.\\d{2}$`));
      for (const objective of line.objectiveCodes)
        expect(objective).toMatch(new RegExp(`^OB\\.${line.chapter}\\.\\d+$`));
    }
  });

  it('uses the renumbered chapters', () => {
    const titles = new Map(edition.lines.map((l) => [l.chapter, l.chapterTitle]));
    expect(Object.fromEntries(titles)).toEqual({
      1: 'Organizzazione e gestione del cambiamento',
      2: 'Il procurement per la trasformazione digitale',
      3: 'Servizi',
      4: 'Piattaforme',
      5: 'Dati e Intelligenza Artificiale',
      6: 'Infrastrutture',
      7: 'Sicurezza informatica',
    });
  });

  it('reads bare month-year dates as deadlines and undated lines in force as NONE', () => {
    expect(byCode(edition, 'CAP3.PA.09')).toMatchObject({ deadlineKind: 'BY', deadline: '2024-03-31' });
    expect(byCode(edition, 'CAP3.PA.11')).toMatchObject({ deadlineKind: 'BY', deadline: '2024-09-23' });
    expect(byCode(edition, 'CAP4.PA.01')).toMatchObject({ deadlineKind: 'BY', deadline: '2026-12-31' });
    expect(byCode(edition, 'CAP3.PA.01')).toMatchObject({ deadlineKind: 'FROM', deadline: '2024-01-01' });
    expect(byCode(edition, 'CAP6.PA.01')).toMatchObject({ deadlineKind: 'NONE', deadline: null });
  });

  it('takes the objective from the RA subheading, or from the objective when there is none', () => {
    expect(byCode(edition, 'CAP5.PA.21').objectiveCodes).toEqual(['OB.5.4']);
    expect(byCode(edition, 'CAP5.PA.25').objectiveCodes).toEqual(['OB.5.5']);
    expect(byCode(edition, 'CAP1.PA.11').objectiveCodes).toEqual(['OB.1.3']);
    expect(byCode(edition, 'CAP1.PA.07').objectiveCodes).toEqual(['OB.1.2']);
  });

  it('reads the population bands of the open-data lines, both ends', () => {
    const band = (code: string) => [byCode(edition, code).minPopulation, byCode(edition, code).maxPopulation];
    expect(band('CAP5.PA.06')).toEqual([10000, 100000]);
    expect(band('CAP5.PA.07')).toEqual([100001, 250000]);
    expect(band('CAP5.PA.08')).toEqual([250001, null]);
    expect(band('CAP5.PA.10')).toEqual([5000, 10000]);
    expect(band('CAP5.PA.09')).toEqual([null, null]);
  });
});

describe('parseRstEdition on malformed sources', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rst-edition-'));
    write('capitolo_1.rst', 'CAPITOLO 1. Servizi\n===================\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function write(file: string, content: string): void {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), content);
  }

  function paFile(bullets: string): void {
    write(
      'capitolo-1/cosa-devono-fare-le-pa.rst',
      `Cosa devono fare le PA\n======================\n\n**OB.1.1 - Obiettivo**\n\n${bullets}`,
    );
  }

  async function expectFailure(line: number, reason: RegExp): Promise<void> {
    let error: unknown;
    try {
      await parseRstEdition('2020-2022', dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CatalogParseError);
    expect(error).toMatchObject({ file: 'capitolo-1/cosa-devono-fare-le-pa.rst', line });
    expect((error as CatalogParseError).reason).toMatch(reason);
  }

  it('accepts a well-formed file', async () => {
    paFile('-  **Da settembre 2020** - Le PA fanno\n   qualcosa - **CAP1.PA.LA01**\n');
    const edition = await parseRstEdition('2020-2022', dir);
    expect(edition.lines).toEqual([
      {
        code: 'CAP1.PA.LA01',
        chapter: 1,
        chapterTitle: 'Servizi',
        objectiveCodes: ['OB.1.1'],
        printed: 'Da settembre 2020 - Le PA fanno qualcosa',
        text: 'Le PA fanno qualcosa',
        deadlineKind: 'FROM',
        deadline: '2020-09-01',
        deadlines: [
          {
            kind: 'FROM',
            date: '2020-09-01',
            precision: 'MONTH',
            words: 'Da settembre 2020',
            qualifier: null,
            rules: ['K-DA', 'D-MESE'],
          },
        ],
        minPopulation: null,
        maxPopulation: null,
        bodies: ['ALL_ADMINISTRATIONS'],
        comuniScope: 'ALL',
        conditions: [],
        rules: ['K-DA', 'D-MESE', 'B-PA'],
        local: false,
        corrections: [],
        carriedOver: null,
        source: { file: 'capitolo-1/cosa-devono-fare-le-pa.rst', line: 6 },
      },
    ]);
  });

  it('rejects a code outside the pattern of PA lines', async () => {
    paFile('-  **Da settembre 2020** - Le PA fanno - **CAP1.PA.1**\n');
    await expectFailure(6, /non conforme al formato dell'edizione 2020-2022/);
  });

  it('rejects an unknown month', async () => {
    paFile('-  **Da settembrre 2020** - Le PA fanno - **CAP1.PA.LA01**\n');
    await expectFailure(6, /mese sconosciuto "settembrre"/);
  });

  it('rejects a bold prefix that is not a date', async () => {
    paFile('-  **Prossimamente** - Le PA fanno - **CAP1.PA.LA01**\n');
    await expectFailure(6, /data iniziale non riconosciuta/);
  });

  it('rejects a code listed twice with different texts', async () => {
    paFile(
      '-  **Da settembre 2020** - Le PA fanno - **CAP1.PA.LA01**\n\n-  **Da settembre 2020** - Le PA non fanno - **CAP1.PA.LA01**\n',
    );
    await expectFailure(
      8,
      /CAP1\.PA\.LA01 compare con due testi o date diversi \(prima occorrenza: capitolo-1\/cosa-devono-fare-le-pa\.rst:6\)/,
    );
  });

  it('merges a code listed under two objectives with the same text', async () => {
    paFile(
      '-  **Da settembre 2020** - Le PA fanno - **CAP1.PA.LA01**\n\n**OB.1.2 - Altro**\n\n-  **Da settembre 2020** - Le PA fanno - **CAP1.PA.LA01**\n',
    );
    expect((await parseRstEdition('2020-2022', dir)).lines.map((l) => l.objectiveCodes)).toEqual([
      ['OB.1.1', 'OB.1.2'],
    ]);
  });

  it('rejects a PA bullet without a code', async () => {
    paFile('-  **Da settembre 2020** - Le PA fanno qualcosa\n');
    await expectFailure(6, /linea d'azione per le PA senza codice/);
  });

  it('rejects a code that does not close the bullet', async () => {
    paFile('-  **Da settembre 2020** - Le PA fanno (CAP1.PA.LA01) qualcosa\n');
    await expectFailure(6, /deve chiudere la voce/);
  });

  it('rejects a PA code outside a bullet', async () => {
    paFile('Si veda la linea CAP1.PA.LA01.\n');
    await expectFailure(6, /fuori da un elenco puntato/);
  });

  it('rejects a line whose objective belongs to another chapter', async () => {
    paFile('-  **Da settembre 2020** - Le PA fanno - **CAP2.PA.LA01**\n');
    await expectFailure(6, /l'obiettivo OB\.1\.1 non appartiene al capitolo 2/);
  });

  it('rejects a line without a chapter heading', async () => {
    rmSync(join(dir, 'capitolo_1.rst'));
    paFile('-  **Da settembre 2020** - Le PA fanno - **CAP1.PA.LA01**\n');
    await expectFailure(6, /titolo del capitolo 1 non trovato/);
  });

  it('ignores the lines of AgID and the other institutions', async () => {
    write(
      'capitolo-1/cosa-devono-fare-agid.rst',
      'Cosa devono fare AGID\n=====================\n\n-  **Da settembre 2020** - AGID fa - **CAP1.LA01**\n',
    );
    paFile('-  **Da settembre 2020** - Le PA fanno - **CAP1.PA.LA01**\n');
    expect((await parseRstEdition('2020-2022', dir)).lines.map((l) => l.code)).toEqual(['CAP1.PA.LA01']);
  });
});
