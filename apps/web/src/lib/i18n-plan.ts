/** The consortium's Piano (features/plan): its forms. */
export const PIANO_FORM_LABEL = {
  approveTitle: 'Registra l’approvazione',
  approvedOn: 'Data di approvazione',
  approvalAct: 'Atto di approvazione',
  approvalActExample: 'Conferenza dei Sindaci, verbale n. …',
  approve: 'Approva la versione',
  newTitle: 'Nuova scheda intervento',
  add: 'Aggiungi la scheda',
  editTitle: 'Modifica la scheda',
  save: 'Salva la scheda',
  saved: 'Scheda salvata.',
} as const;

/** The fields of a scheda intervento, shared by «Nuova scheda intervento» and «Modifica la scheda». */
export const SCHEDA_FIELD_LABEL = {
  code: 'Codice',
  title: 'Titolo',
  axis: 'Asse di intervento',
  horizon: 'Classe',
  removedReason: 'Motivo dello stralcio',
  implementation: 'Stato di attuazione',
  start: 'Inizio (es. 2026-S1)',
  end: 'Fine (es. 2027-S2)',
  lines: (edition: string) => `Linee del Piano Triennale ${edition} (codici)`,
  comuni: 'Comuni interessati (nessuno scelto: tutto il consorzio)',
  levelUnset: 'Non indicato',
  owner: 'Responsabile (l’Ufficio o una U.O.)',
  beneficiaries: 'Beneficiari',
  problem: 'Problema da risolvere',
  description: 'Descrizione',
  expectedResults: 'Risultati attesi',
  impact: 'Impatto',
  constraints: 'Vincoli',
  externalParties: 'Soggetti esterni coinvolti',
  skills: 'Competenze necessarie',
  effort: 'Impegno del personale',
  benefitDirect: 'Benefici diretti',
  benefitIndirect: 'Benefici indiretti',
} as const;

/** The Piano's document, built by the worker. */
export const PIANO_DOWNLOAD_LABEL = {
  region: 'Scarica il documento del Piano',
  PIANO_PDF: 'Scarica il Piano (PDF)',
  PIANO_DOCX: 'Scarica il Piano (DOCX)',
} as const;

/** «Il Piano del consorzio»: the version, the quadro riassuntivo, the cronoprogramma, the indicators. */
export const PIANO_PAGE_LABEL = {
  title: 'Il Piano del consorzio',
  loading: 'del Piano',
  empty: 'Il consorzio non ha ancora un Piano',
  startUpdate: 'Avvia l’aggiornamento annuale',
  create: 'Crea il Piano',
  version: (n: number, year: number) => `Versione ${n} (${year}): `,
  approved: (date: string, act: string) => ` il ${date}, ${act}`,
  publish: 'Pubblica il Piano',
  summary: 'Quadro riassuntivo degli interventi',
  axis: 'Asse di intervento',
  allAxes: 'Tutti',
  horizon: 'Classe',
  allHorizons: 'Tutte',
  caption: (n: number) => `${n} interventi`,
  code: 'Codice',
  intervento: 'Intervento',
  axisShort: 'Asse',
  planLines: 'Piano Triennale',
  period: 'Periodo',
  cost: 'Costo',
  funding: 'Finanziamento',
  gantt: 'Cronoprogramma',
  ganttCaption: 'Semestri di attività di ciascun intervento',
  active: 'attivo',
  inactive: 'no',
  indicators: 'Indicatori: andamento e obiettivo',
  indicator: 'Indicatore',
  measuredBy: 'Misurato da',
  periods: 'Periodi (valore / obiettivo)',
  yesNoUnit: ' (% di Comuni con "sì")',
  byComune: 'Ciascun Comune',
  byOffice: 'Ufficio associato',
  noValue: 'Nessun valore',
  onTarget: ' (raggiunto)',
  offTarget: ' (non raggiunto)',
} as const;

/** «Scheda intervento»: one scheda of the Piano, its shared objective and its indicators. */
export const SCHEDA_PAGE_LABEL = {
  title: 'Scheda intervento',
  tabTitle: (code: string) => `Scheda ${code}`,
  heading: (code: string, title: string) => `Scheda intervento ${code}: ${title}`,
  back: 'Torna al Piano del consorzio',
  loading: 'della scheda',
  version: (n: number, year: number) => `Piano versione ${n} (${year}): `,
  frozen: '. La versione approvata non si modifica più.',
  objective: 'Obiettivo condiviso con i Comuni',
  objectiveLink: 'L’obiettivo condiviso che attua la scheda: ',
  objectiveDue: 'Scadenza per i Comuni',
  createObjective: 'Crea l’obiettivo condiviso',
  noObjective: 'Nessun obiettivo condiviso creato dalla scheda.',
  indicators: 'Indicatori',
  noIndicators: 'La scheda non ha ancora indicatori.',
  must: (direction: string) => ` · deve ${direction}`,
  measuredBy: ' · rilevato da: ',
  source: (source: string) => ` · fonte: ${source}`,
  baseline: (value: string, date: string | null) => ` · partenza ${value}${date ? ` al ${date}` : ''}`,
  targets: (list: string) => ` · obiettivi: ${list}`,
  values: (n: number) => `Valori registrati (${n})`,
  valuesCaption: 'Ogni valore registrato, dal più recente',
  period: 'Periodo',
  comune: 'Comune',
  value: 'Valore',
  recorded: 'Registrato',
  note: 'Nota',
  consortium: 'Consorzio',
  yes: 'Sì',
  no: 'No',
  editIndicator: 'Modifica l’indicatore',
} as const;

/** The scheda's costs per year and funding sources (SchedaMoneyFields). */
export const SCHEDA_MONEY_LABEL = {
  costs: 'Costi per anno (euro)',
  year: 'Anno',
  initial: 'Investimento iniziale',
  running: 'Costo di esercizio',
  nth: (label: string, n: number) => `${label} (${n})`,
  removeYear: (year: string) => `Togli l’anno ${year}`,
  addYear: 'Aggiungi un anno',
  funding: 'Fonti di finanziamento',
  source: 'Fonte',
  amount: 'Importo (euro)',
  pnrrMeasure: 'Misura PNRR',
  cup: 'CUP',
  removeSource: (n: number) => `Togli la fonte ${n}`,
  addSource: 'Aggiungi una fonte',
} as const;

/** «Registra un valore» of a Piano indicator (the office, or a comune's referent). */
export const RECORD_VALUE_LABEL = {
  title: (name: string) => `Registra un valore di «${name}»`,
  period: (hint: string) => `Periodo (${hint})`,
  hint: { SEMIANNUAL: 'es. 2026-S1', QUARTERLY: 'es. 2026-Q1', ANNUAL: 'es. 2026-A' },
  value: 'Valore',
  choose: 'Scegli',
  yes: 'Sì',
  no: 'No',
  comune: 'Comune',
  chooseComune: 'Scegli il Comune',
  note: 'Nota (facoltativa)',
  record: 'Registra il valore',
  recorded: 'Valore registrato.',
} as const;

/** A Piano indicator's form (IndicatorForm). */
export const INDICATOR_FORM_LABEL = {
  editTitle: (name: string) => `Modifica l’indicatore «${name}»`,
  newTitle: 'Nuovo indicatore',
  name: 'Nome dell’indicatore',
  kind: 'Tipo',
  unit: 'Unità di misura',
  source: 'Fonte del dato',
  direction: 'Il valore deve',
  nature: 'Natura',
  frequency: 'Frequenza di rilevazione',
  measuredBy: 'Chi lo rileva',
  baseline: 'Valore di partenza',
  baselineDate: 'Data del valore di partenza',
  targets: 'Obiettivo per anno',
  yesNoTargets: ' (% di Comuni con «sì»)',
  save: 'Salva l’indicatore',
  add: 'Aggiungi l’indicatore',
} as const;

/** «Contenuto della scheda»: every field of a scheda, read (SchedaDetails). */
export const SCHEDA_DETAILS_LABEL = {
  region: 'Contenuto della scheda',
  owner: 'Responsabile',
  comuni: 'Comuni interessati',
  wholeConsortium: 'Tutto il consorzio',
  period: 'Periodo',
  lines: 'Linee del Piano Triennale',
  costs: 'Costi',
  costOfYear: (year: number, initial: string, running: string) =>
    `${year}: investimento ${initial}, esercizio ${running}`,
  total: (amount: string) => `Totale ${amount}`,
  funding: 'Finanziamento',
} as const;

/** An indicator's trend against its target (IndicatorTrend), chart and table. */
export const INDICATOR_TREND_LABEL = {
  chart: (name: string) => `Andamento di «${name}» rispetto all’obiettivo`,
  chartDescription: (label: string) => `${label}; i valori sono nella tabella che segue.`,
  none: 'Nessun valore registrato.',
  caption: 'Valori del consorzio per periodo e obiettivo dell’anno',
  period: 'Periodo',
  value: 'Valore',
  target: 'Obiettivo',
  outcome: 'Esito',
  count: 'Valori rilevati',
  onTarget: 'Raggiunto',
  offTarget: 'Non raggiunto',
} as const;

/** How many lines of a Piano Triennale edition the Piano's schede cover (CoverageSection). */
export const COVERAGE_LABEL = {
  title: (edition: string) => `Copertura delle linee del Piano Triennale ${edition}`,
  covered: (covered: number, total: number) =>
    `${covered} linee su ${total} rivolte ai Comuni hanno almeno un intervento`,
  mapped: (n: number) =>
    `; ${n} tramite la corrispondenza tra le linee delle edizioni (la scheda è collegata alla linea corrispondente dell’edizione vicina)`,
  mappedList: (n: number) => `Linee coperte tramite la corrispondenza tra edizioni (${n})`,
  uncovered: (n: number) => `Linee senza intervento (${n})`,
} as const;
