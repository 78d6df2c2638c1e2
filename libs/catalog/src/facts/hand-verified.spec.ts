import type { ParsedEdition, ParsedPlanLine } from '../parsing/catalog.types';
import { derivedBuiltInEditions } from '../tools/catalog-tools';
import { EDITIONS_DIR } from '../import/built-in-editions';
import type { ComuniScope } from './facts.types';

/**
 * Lines read by hand against AgID's text (libs/catalog/data/pianotriennale/...) and seed 003
 * (libs/catalog/data/2022-2024/seed-003-crema.txt): `words` is quoted from the source, and the
 * deadlines, band and comuni reached are what a person reads in it. "Entro <mese>" is the month's
 * last day, "Da <mese>" its first, a day the text names that day; "tra X e Y abitanti" includes
 * both ends. The lines the issue names are all here.
 */
interface Verified {
  edition: string;
  code: string;
  words: string;
  deadlines: [kind: 'FROM' | 'BY', date: string][];
  band?: [min: number | null, max: number | null];
  scope: ComuniScope;
  /** Kinds of body the text names (a subset check: the text may name others too). */
  bodies?: string[];
  qualifier?: string;
  conditions?: string[];
}

const TABLE: Verified[] = [
  // 2022-2024, as seed 003 lists it for the Comuni.
  {
    edition: '2022-2024',
    code: 'CAP1.PA.LA19',
    words: 'Entro dicembre 2023 – I Comuni con una popolazione superiore a 15.000 abitanti',
    deadlines: [['BY', '2023-12-31']],
    band: [15001, null],
    scope: 'ALL',
    bodies: ['MUNICIPALITIES'],
  },
  {
    edition: '2022-2024',
    code: 'CAP1.PA.LA20',
    words: 'pubblicano, entro il 23 settembre 2023, tramite l’applicazione form.agid.gov.it',
    deadlines: [['BY', '2023-09-23']],
    scope: 'ALL',
  },
  {
    edition: '2022-2024',
    code: 'CAP1.PA.LA25',
    words: 'completamento dell’attività entro Dicembre 2025',
    deadlines: [
      ['BY', '2023-12-31'],
      ['BY', '2025-12-31'],
    ],
    scope: 'ALL',
    bodies: ['MUNICIPALITIES'],
  },
  {
    edition: '2022-2024',
    code: 'CAP3.PA.LA22',
    words: 'Entro dicembre 2023 – I Comuni, in linea con i target sopra descritti',
    deadlines: [['BY', '2023-12-31']],
    scope: 'ALL',
  },
  {
    edition: '2022-2024',
    code: 'CAP6.PA.LA06',
    words: 'Entro dicembre 2023 – I Comuni si adeguano alle Misure minime',
    deadlines: [['BY', '2023-12-31']],
    scope: 'ALL',
  },
  {
    edition: '2022-2024',
    code: 'CAP4.PA.LA14',
    words: 'Da luglio 2022 (o altro termine indicato nel Regolamento)',
    deadlines: [['FROM', '2022-07-01']],
    scope: 'ALL',
    qualifier: '(o altro termine indicato nel Regolamento)',
  },
  {
    edition: '2022-2024',
    code: 'CAP4.PA.LA16',
    words: 'Entro febbraio 2023 (o altro termine indicato nel Regolamento)',
    deadlines: [['BY', '2023-02-28']],
    scope: 'ALL',
    qualifier: '(o altro termine indicato nel Regolamento)',
    conditions: ['avendo l’obbligo di migrazione verso il cloud'],
  },
  {
    edition: '2022-2024',
    code: 'CAP1.PA.LA16',
    words: 'Entro marzo 2023 – I Comuni devono pubblicare gli obiettivi di accessibilità',
    deadlines: [['BY', '2023-03-31']],
    scope: 'ALL',
  },
  {
    edition: '2022-2024',
    code: 'CAP7.PA.LA10',
    words: 'Entro ottobre 2023 – I Comuni programmano il fabbisogno',
    deadlines: [['BY', '2023-10-31']],
    scope: 'ALL',
  },
  {
    edition: '2022-2024',
    code: 'CAP1.PA.LA01',
    words: 'Da settembre 2020 (in corso) – I Comuni pubblicano le statistiche',
    deadlines: [['FROM', '2020-09-01']],
    scope: 'ALL',
    qualifier: '(in corso)',
  },
  {
    edition: '2022-2024',
    code: 'CAP2.PA.LA07',
    words:
      'relativi ai dati non geografici alle specifiche nazionali e documentano i propri dataset nel catalogo nazionale dati.gov.it',
    deadlines: [['FROM', '2021-01-01']],
    scope: 'ALL',
  },
  {
    edition: '2022-2024',
    code: 'CAP1.PA.LA07',
    words: 'I Comuni che sono titolari di software devono apporre una licenza aperta',
    deadlines: [['FROM', '2020-09-01']],
    scope: 'ALL',
    conditions: ['Comuni che sono titolari di software'],
  },
  {
    edition: '2022-2024',
    code: 'CAP3.PA.LA25',
    words: 'Le PA aderenti a pagoPA e App IO assicurano',
    deadlines: [['BY', '2024-12-31']],
    scope: 'ALL',
    conditions: ['PA aderenti a pagoPA e App IO'],
  },
  {
    edition: '2022-2024',
    code: 'LOC.CAP6.01',
    words: 'I Comuni si pongono obiettivi di miglioramento progressivo',
    deadlines: [],
    scope: 'ALL',
  },
  // 2020-2022, AgID's reStructuredText: lines for other kinds of body reach no comune.
  {
    edition: '2020-2022',
    code: 'CAP3.PA.LA03',
    words: 'Le strutture sanitarie pubbliche e private accreditate alimentano',
    deadlines: [['FROM', '2021-01-01']],
    scope: 'NONE',
    bodies: ['HEALTH_BODIES'],
  },
  {
    edition: '2020-2022',
    code: 'CAP3.PA.LA05',
    words: 'Le strutture sanitarie pubbliche e private accreditate devono essere',
    deadlines: [['BY', '2021-12-31']],
    scope: 'NONE',
    bodies: ['HEALTH_BODIES'],
  },
  {
    edition: '2020-2022',
    code: 'CAP3.PA.LA11',
    words: 'Le istituzioni scolastiche iniziano ad aderire a SIOPE+',
    deadlines: [['FROM', '2021-07-01']],
    scope: 'NONE',
    bodies: ['SCHOOLS'],
  },
  {
    edition: '2020-2022',
    code: 'CAP3.PA.LA16',
    words: 'I musei statali compilano il questionario',
    deadlines: [['FROM', '2020-09-01']],
    scope: 'NONE',
    bodies: ['MUSEUMS'],
  },
  {
    edition: '2020-2022',
    code: 'CAP3.PA.LA19',
    words: 'I musei non statali compilano i questionari',
    deadlines: [['FROM', '2021-06-01']],
    scope: 'NONE',
    bodies: ['MUSEUMS'],
  },
  {
    edition: '2020-2022',
    code: 'CAP1.PA.LA05',
    words: 'Le PAC aderiscono al programma di abilitazione al cloud',
    deadlines: [['FROM', '2020-12-01']],
    scope: 'NONE',
    bodies: ['CENTRAL_ADMINISTRATIONS'],
  },
  {
    edition: '2020-2022',
    code: 'CAP4.PA.LA07',
    words: 'Le PAC proprietarie di data center classificati da AGID',
    deadlines: [['BY', '2021-09-30']],
    scope: 'NONE',
    bodies: ['CENTRAL_ADMINISTRATIONS'],
  },
  {
    edition: '2020-2022',
    code: 'CAP4.PA.LA04',
    words: 'Le PAL proprietarie di data center classificati da AGID',
    deadlines: [['BY', '2021-09-30']],
    scope: 'ALL',
    bodies: ['LOCAL_ADMINISTRATIONS'],
  },
  {
    edition: '2020-2022',
    code: 'CAP5.PA.LA06',
    words: 'I cittadini e le imprese utilizzano le API',
    deadlines: [['FROM', '2022-01-01']],
    scope: 'NONE',
    bodies: ['CITIZENS_AND_BUSINESSES'],
  },
  {
    edition: '2020-2022',
    code: 'CAP8.PA.LA02',
    words: 'Le Regioni e Province Autonome, sulla base delle proprie',
    deadlines: [['FROM', '2021-02-01']],
    scope: 'NONE',
    bodies: ['REGIONS'],
  },
  {
    edition: '2020-2022',
    code: 'CAP3.PA.LA02',
    words: 'Regioni, Enti Locali e Strutture sanitarie elaborano',
    deadlines: [['BY', '2020-12-31']],
    scope: 'ALL',
    bodies: ['REGIONS', 'LOCAL_AUTHORITIES', 'HEALTH_BODIES'],
  },
  {
    edition: '2020-2022',
    code: 'CAP1.PA.LA11',
    words: 'entro il 23 settembre 2020',
    deadlines: [['BY', '2020-09-23']],
    scope: 'ALL',
  },
  {
    edition: '2020-2022',
    code: 'CAP1.PA.LA15',
    words: 'entro il 23 giugno 2021',
    deadlines: [['BY', '2021-06-23']],
    scope: 'ALL',
  },
  {
    edition: '2020-2022',
    code: 'CAP1.PA.LA04',
    words: 'Entro ottobre 2020',
    deadlines: [['BY', '2020-10-31']],
    scope: 'ALL',
  },
  {
    edition: '2020-2022',
    code: 'CAP6.PA.LA06',
    words: 'Entro giugno 2022',
    deadlines: [['BY', '2022-06-30']],
    scope: 'ALL',
  },
  {
    edition: '2020-2022',
    code: 'CAP2.PA.LA07',
    words: 'relativi ai dati non geografici alle specifiche nazionali',
    deadlines: [['FROM', '2021-01-01']],
    scope: 'ALL',
    bodies: ['ALL_ADMINISTRATIONS'],
  },
  // 2024-2026: bands with both ends, bodies other than comuni.
  {
    edition: '2024-2026',
    code: 'CAP5.PA.10',
    words: 'Ogni Comune con popolazione tra 5.000 e 10.000 abitanti',
    deadlines: [['BY', '2025-12-31']],
    band: [5000, 10000],
    scope: 'ALL',
    bodies: ['MUNICIPALITIES'],
    conditions: ['non ancora presente nel 2024 nel catalogo dati.gov.it'],
  },
  {
    edition: '2024-2026',
    code: 'CAP5.PA.15',
    words: 'Ogni Comune con popolazione tra 5.000 e 10.000 abitanti',
    deadlines: [['BY', '2026-12-31']],
    band: [5000, 10000],
    scope: 'ALL',
  },
  {
    edition: '2024-2026',
    code: 'CAP5.PA.06',
    words: 'Ogni Comune con popolazione tra 10.000 e 100.000 abitanti, ogni Unione di Comuni',
    deadlines: [['BY', '2024-12-31']],
    band: [10000, 100000],
    scope: 'ALL',
    bodies: ['MUNICIPALITIES', 'MUNICIPAL_UNIONS'],
  },
  {
    edition: '2024-2026',
    code: 'CAP5.PA.07',
    words: 'Ogni Comune con popolazione tra 100.001 e 250.000 abitanti',
    deadlines: [['BY', '2024-12-31']],
    band: [100001, 250000],
    scope: 'ALL',
  },
  {
    edition: '2024-2026',
    code: 'CAP5.PA.08',
    words: 'Ogni Comune con popolazione > 250.000 abitanti',
    deadlines: [['BY', '2024-12-31']],
    band: [250001, null],
    scope: 'ALL',
  },
  {
    edition: '2024-2026',
    code: 'CAP5.PA.09',
    words: 'Ogni PA centrale (non ancora presente nel catalogo dati.gov.it)',
    deadlines: [['BY', '2024-12-31']],
    scope: 'NONE',
    bodies: ['CENTRAL_ADMINISTRATIONS'],
  },
  {
    edition: '2024-2026',
    code: 'CAP3.PA.12',
    words: 'i Comuni capoluogo delle Città metropolitane attivano',
    deadlines: [['BY', '2024-12-31']],
    scope: 'METROPOLITAN_CAPITALS',
    bodies: ['REGIONS', 'METROPOLITAN_CITIES', 'METROPOLITAN_CAPITALS'],
  },
  {
    edition: '2024-2026',
    code: 'CAP3.PA.10',
    words: 'i capoluoghi delle Città metropolitane effettuano un test automatico',
    deadlines: [['BY', '2024-09-30']],
    scope: 'METROPOLITAN_CAPITALS',
  },
  {
    edition: '2024-2026',
    code: 'CAP4.PA.19',
    words: 'Le Università e gli AFAM statali possono trasmettere',
    deadlines: [['FROM', '2024-01-01']],
    scope: 'NONE',
    bodies: ['UNIVERSITIES'],
  },
  {
    edition: '2024-2026',
    code: 'CAP4.PA.21',
    words: 'Le istituzioni scolastiche possono prendere visione',
    deadlines: [['FROM', '2024-07-01']],
    scope: 'NONE',
    bodies: ['SCHOOLS'],
  },
  {
    edition: '2024-2026',
    code: 'CAP4.PA.09',
    words: 'Le Regioni e le Province Autonome rispettano le scadenze',
    deadlines: [['BY', '2024-12-31']],
    scope: 'NONE',
    bodies: ['REGIONS'],
  },
  {
    edition: '2024-2026',
    code: 'CAP4.PA.15',
    words: '(Regioni, Consorzi, Unioncamere)',
    deadlines: [['BY', '2024-12-31']],
    scope: 'NONE',
  },
  {
    edition: '2024-2026',
    code: 'CAP4.PA.16',
    words: '(PAC/PAL-Comuni, Regioni, Enti Terzi, Unioncamere)',
    deadlines: [['BY', '2024-12-31']],
    scope: 'ALL',
    bodies: ['MUNICIPALITIES'],
  },
  {
    edition: '2024-2026',
    code: 'CAP3.PA.11',
    words: 'Settembre 2024 - Le PA pubblicano, entro il 23 settembre',
    deadlines: [['BY', '2024-09-23']],
    scope: 'ALL',
  },
  {
    edition: '2024-2026',
    code: 'CAP3.PA.09',
    words: 'Marzo 2024 - Le PA pubblicano gli obiettivi di accessibilità',
    deadlines: [['BY', '2024-03-31']],
    scope: 'ALL',
  },
  {
    edition: '2024-2026',
    code: 'CAP2.PA.01',
    words: 'I soggetti aggregatori devono dotarsi',
    deadlines: [['BY', '2025-06-30']],
    scope: 'NONE',
  },
  {
    edition: '2024-2026',
    code: 'CAP1.PA.11',
    words: 'Gli Enti locali partecipano alla prima fase',
    deadlines: [['BY', '2024-09-30']],
    scope: 'ALL',
    bodies: ['LOCAL_AUTHORITIES'],
  },
  {
    edition: '2024-2026',
    code: 'CAP4.PA.18',
    words: "i Comuni potranno richiedere l'adesione servizi di Stato civile su ANPR",
    deadlines: [['FROM', '2024-02-01']],
    scope: 'ALL',
    bodies: ['MUNICIPALITIES'],
  },
  {
    edition: '2024-2026',
    code: 'CAP6.PA.01',
    words: 'Le PA proprietarie di data center di gruppo B',
    deadlines: [],
    scope: 'ALL',
  },
  {
    edition: '2024-2026',
    code: 'CAP6.PA.09',
    words: '4.083 amministrazioni concludono la migrazione',
    deadlines: [['BY', '2024-09-30']],
    scope: 'ALL',
  },
  // The 2025 update: AgID's asterisk on rescheduled lines, and the year misprint corrected.
  {
    edition: '2024-2026-agg-2025',
    code: 'CAP4.PA.21',
    words: 'Da luglio 2025 *',
    deadlines: [['FROM', '2025-07-01']],
    scope: 'NONE',
    bodies: ['SCHOOLS'],
    qualifier: '* (linea ripianificata)',
  },
  {
    edition: '2024-2026-agg-2025',
    code: 'CAP2.PA.02',
    words: 'Giugno 2025 *',
    deadlines: [['BY', '2025-06-30']],
    scope: 'ALL',
    qualifier: '* (linea ripianificata)',
  },
];

describe('the facts of hand-verified lines, against the source text', () => {
  let editions: Map<string, ParsedEdition>;
  beforeAll(async () => {
    editions = await derivedBuiltInEditions(EDITIONS_DIR);
  });

  const line = (edition: string, code: string): ParsedPlanLine => {
    const found = editions.get(edition)?.lines.find((l) => l.code === code);
    if (!found) throw new Error(`${edition} ${code} missing`);
    return found;
  };

  it('covers at least 40 lines across three editions, each line named by the issue included', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(40);
    expect(new Set(TABLE.map((row) => row.edition)).size).toBeGreaterThanOrEqual(3);
    const named = [
      '2022-2024:CAP1.PA.LA19',
      '2022-2024:CAP1.PA.LA20',
      '2022-2024:CAP3.PA.LA22',
      '2022-2024:CAP6.PA.LA06',
      '2022-2024:CAP1.PA.LA25',
      '2022-2024:CAP4.PA.LA14',
      '2022-2024:CAP4.PA.LA16',
      '2022-2024:CAP2.PA.LA07',
      '2024-2026:CAP5.PA.10',
      '2024-2026:CAP3.PA.12',
      '2024-2026:CAP4.PA.19',
    ];
    expect(TABLE.map((row) => `${row.edition}:${row.code}`)).toEqual(expect.arrayContaining(named));
  });

  it.each(TABLE.map((row) => [`${row.edition} ${row.code}`, row]))('%s', (_name, row) => {
    const found = line(row.edition, row.code);
    expect(found.printed).toContain(row.words);
    expect(found.deadlines.map((d) => [d.kind, d.date])).toEqual(row.deadlines);
    expect([found.minPopulation, found.maxPopulation]).toEqual(row.band ?? [null, null]);
    expect(found.comuniScope).toBe(row.scope);
    if (row.bodies) expect(found.bodies).toEqual(expect.arrayContaining(row.bodies));
    if (row.qualifier) expect(found.deadlines[0].qualifier).toBe(row.qualifier);
    if (row.conditions) expect(found.conditions).toEqual(expect.arrayContaining(row.conditions));
  });
});
