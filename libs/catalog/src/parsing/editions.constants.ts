export interface EditionProfile {
  code: string;
  title: string;
  /** Canonical code of a line addressed to the PAs; capture group 1 is the chapter. */
  paCode: RegExp;
  /**
   * Codes of lines addressed to AgID, DTD and other institutions. They are recognised so that they
   * are neither taken for malformed PA codes nor imported: the catalogue holds the PAs' lines only.
   */
  institutionalCode: RegExp;
  /**
   * Misprinted codes in the published sources, mapped to the code the plan means. Repairs are
   * listed one by one so that any other malformed code still stops the import.
   */
  codeRepairs: ReadonlyMap<string, string>;
}

const LA_CODE = /^CAP(\d+)\.PA\.LA\d{2}$/;
const LA_INSTITUTIONAL_CODE = /^CAP\d+\.LA\d{2}$/;

function title(code: string): string {
  return `Piano Triennale per l'informatica nella PA ${code}`;
}

const PROFILES: readonly EditionProfile[] = [
  {
    code: '2020-2022',
    title: title('2020-2022'),
    paCode: LA_CODE,
    institutionalCode: LA_INSTITUTIONAL_CODE,
    // AgID's RST drops the leading zero on these two codes only (every other ordinal has two digits).
    codeRepairs: new Map([
      ['CAP3.PA.LA8', 'CAP3.PA.LA08'],
      ['CAP3.PA.LA9', 'CAP3.PA.LA09'],
    ]),
  },
  {
    code: '2022-2024',
    title: title('2022-2024'),
    paCode: LA_CODE,
    institutionalCode: LA_INSTITUTIONAL_CODE,
    // Seed 003 prints the two chapter-2 codes on high-value open data without the chapter number;
    // both sit under the DATI objectives among CAP2 lines, and the 2022-2024 plan numbers them CAP2.
    codeRepairs: new Map([
      ['CAP.PA.LA19', 'CAP2.PA.LA19'],
      ['CAP.PA.LA20', 'CAP2.PA.LA20'],
    ]),
  },
  {
    code: '2024-2026',
    title: title('2024-2026'),
    paCode: /^CAP(\d+)\.PA\.\d{2}$/,
    institutionalCode: /^CAP\d+\.\d{2}$/,
    codeRepairs: new Map(),
  },
];

export function findEditionProfile(code: string): EditionProfile | undefined {
  return PROFILES.find((p) => p.code === code);
}

/**
 * Chapter titles of the 2022-2024 update, which is not published as RST. Chapters 1-7 match the
 * seed's "<TITOLO> - OBIETTIVI E RISULTATI ATTESI" headers; the seed files chapter 8's lines under
 * its own "Organizzazione per la trasformazione digitale" part, so that title comes from the plan.
 */
export const CHAPTER_TITLES_2022_2024: ReadonlyMap<number, string> = new Map([
  [1, 'Servizi'],
  [2, 'Dati'],
  [3, 'Piattaforme'],
  [4, 'Infrastrutture'],
  [5, 'Interoperabilità'],
  [6, 'Sicurezza informatica'],
  [7, "Le leve per l'innovazione"],
  [8, 'Governare la trasformazione digitale'],
]);

export const LOCAL_CODE = /^LOC\.CAP(\d+)\.(\d{2})$/;
export const OBJECTIVE_CODE = /^OB\.(\d+)\.(\d+)$/;

export function localCode(chapter: number, ordinal: number): string {
  return `LOC.CAP${chapter}.${String(ordinal).padStart(2, '0')}`;
}

export function objectiveCode(chapter: number, ordinal: number): string {
  return `OB.${chapter}.${ordinal}`;
}
