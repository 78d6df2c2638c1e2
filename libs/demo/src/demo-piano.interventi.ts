import { FundingRow, IndicatorFields, InterventoFields } from '@rtd/plan';

/**
 * The schede of consortium A's demo Piano, drawn from seed 003 (the Piano of the associated office
 * of the Cremasco): its associated services, the Dati and Sicurezza chapters and the staff
 * training of its Allegato 2, each with its lines and indicators (two semesters of values).
 */
export const EDITION = '2022-2024';

interface DemoIndicator extends Partial<IndicatorFields> {
  name: string;
  kind: string;
  /** 2025-S2 and 2026-S1: the office's value, or the share of comuni answering "sì" (0..1) / a per-comune number. */
  values: [number, number];
}

interface DemoIntervento extends Partial<Omit<InterventoFields, 'funding'>> {
  funding?: Partial<FundingRow>[];
  code: string;
  title: string;
  axis: string;
  horizon: string;
  lines: string[];
  indicators: DemoIndicator[];
}

const cup = (n: number) => `J51B2100${String(5280000 + n).padStart(7, '0')}`;

export const INTERVENTI: DemoIntervento[] = [
  {
    code: 'SA-01',
    title: 'Siti istituzionali dei Comuni conformi ai modelli AgID',
    owner: 'Ufficio associato RTD',
    beneficiaries: 'Cittadini e imprese dei 42 Comuni',
    problem: 'Siti comunali eterogenei, non sempre accessibili né aggiornati ai modelli di Designers Italia.',
    description:
      'Migrazione dei siti istituzionali al modello comune di Designers Italia, con gestione associata dei contenuti e della dichiarazione di accessibilità.',
    expectedResults:
      'Tutti i siti comunali conformi al modello e con dichiarazione di accessibilità pubblicata.',
    impact: 'Informazioni più facili da trovare; meno richieste agli sportelli.',
    constraints: 'Tempi dei fornitori dei singoli Comuni; redazione dei contenuti.',
    externalParties: 'Fornitori dei siti; Designers Italia',
    skills: 'Redazione web, accessibilità',
    effort: 'MEDIO',
    benefitDirect: 'ALTO',
    benefitIndirect: 'MEDIO',
    costs: [
      { year: 2025, initial: 120000, running: 8000 },
      { year: 2026, initial: 0, running: 8000 },
    ],
    funding: [
      {
        source: 'PNRR',
        amount: 120000,
        pnrrMeasure: '1.4.1',
        cup: cup(1),
        note: 'Avviso Esperienza del cittadino',
      },
    ],
    axis: 'NUOVI_SERVIZI',
    horizon: 'IN_PROGRESS',
    implementation: 'IN_PROGRESS',
    startPeriod: '2025-S1',
    endPeriod: '2026-S2',
    lines: ['CAP1.PA.LA14', 'CAP1.PA.LA10', 'CAP1.PA.LA20'],
    indicators: [
      {
        name: 'Comuni con il sito conforme al modello',
        kind: 'YES_NO',
        measuredBy: 'COMUNE',
        source: 'Verifica del referente comunale',
        baseline: 10,
        baselineDate: '2025-01-01',
        targets: [
          { year: 2025, value: 50 },
          { year: 2026, value: 100 },
        ],
        values: [0.45, 0.7],
      },
    ],
  },
  {
    code: 'SA-02',
    title: 'Servizi online con SPID e CIE e notifiche tramite SEND',
    owner: 'Ufficio associato RTD',
    beneficiaries: 'Cittadini e imprese',
    problem: 'Servizi online con credenziali proprietarie; notifiche ancora per raccomandata.',
    description:
      'Accesso con SPID e CIE a tutti i servizi online e adesione alla Piattaforma Notifiche Digitali.',
    expectedResults:
      'Servizi online accessibili solo con identità digitale; notifiche degli atti tramite SEND.',
    effort: 'ALTO',
    benefitDirect: 'ALTO',
    benefitIndirect: 'ALTO',
    costs: [{ year: 2025, initial: 60000, running: 5000 }],
    funding: [
      { source: 'PNRR', amount: 45000, pnrrMeasure: '1.4.4', cup: cup(2), note: 'Adozione SPID e CIE' },
      {
        source: 'PNRR',
        amount: 15000,
        pnrrMeasure: '1.4.5',
        cup: cup(3),
        note: 'Piattaforma Notifiche Digitali',
      },
    ],
    axis: 'NUOVI_SERVIZI',
    horizon: 'IN_PROGRESS',
    implementation: 'IN_PROGRESS',
    startPeriod: '2025-S1',
    endPeriod: '2026-S1',
    lines: ['CAP3.PA.LA12', 'CAP3.PA.LA22'],
    indicators: [
      {
        name: 'Accessi con SPID o CIE ai servizi online',
        kind: 'NUMBER',
        unit: 'accessi',
        measuredBy: 'OFFICE',
        source: 'Statistiche dei servizi online',
        targets: [
          { year: 2025, value: 8000 },
          { year: 2026, value: 15000 },
        ],
        values: [6200, 11800],
      },
    ],
  },
  {
    code: 'SA-03',
    title: 'Pagamenti con pagoPA per tutti i servizi comunali',
    owner: 'Ufficio associato RTD e servizi finanziari',
    beneficiaries: 'Cittadini e imprese',
    description: 'Estensione di pagoPA a tutte le entrate comunali, con avvisi e riconciliazione automatica.',
    effort: 'MEDIO',
    benefitDirect: 'ALTO',
    benefitIndirect: 'MEDIO',
    costs: [{ year: 2025, initial: 30000, running: 4000 }],
    funding: [{ source: 'PNRR', amount: 30000, pnrrMeasure: '1.4.3', cup: cup(4) }],
    axis: 'SEMPLIFICAZIONE',
    horizon: 'SHORT_TERM',
    implementation: 'IN_PROGRESS',
    startPeriod: '2025-S2',
    endPeriod: '2026-S2',
    lines: ['CAP3.PA.LA07', 'CAP3.PA.LA21'],
    indicators: [
      {
        name: 'Entrate comunali pagabili con pagoPA',
        kind: 'PERCENTAGE',
        unit: '%',
        measuredBy: 'COMUNE',
        targets: [
          { year: 2025, value: 70 },
          { year: 2026, value: 95 },
        ],
        values: [62, 81],
      },
    ],
  },
  {
    code: 'SA-04',
    title: 'Migrazione in cloud dei servizi e dei gestionali comunali',
    owner: 'Ufficio associato RTD',
    beneficiaries: 'Uffici comunali',
    problem: 'Server nelle sedi comunali, con continuità operativa e sicurezza difficili da garantire.',
    description:
      'Migrazione dei gestionali verso servizi cloud qualificati secondo i piani di migrazione dei Comuni.',
    constraints: 'Disponibilità dei fornitori dei gestionali; connettività delle sedi.',
    effort: 'ALTO',
    benefitDirect: 'MEDIO',
    benefitIndirect: 'ALTO',
    costs: [
      { year: 2025, initial: 150000, running: 20000 },
      { year: 2026, initial: 50000, running: 25000 },
    ],
    funding: [
      { source: 'PNRR', amount: 200000, pnrrMeasure: '1.2', cup: cup(5), note: 'Abilitazione al cloud' },
    ],
    axis: 'INFRASTRUTTURE',
    horizon: 'IN_PROGRESS',
    implementation: 'IN_PROGRESS',
    startPeriod: '2025-S1',
    endPeriod: '2027-S1',
    lines: ['CAP4.PA.LA11', 'CAP1.PA.LA02'],
    indicators: [
      {
        name: 'Servizi migrati in cloud',
        kind: 'NUMBER',
        unit: 'servizi',
        measuredBy: 'COMUNE',
        targets: [
          { year: 2025, value: 60 },
          { year: 2026, value: 150 },
        ],
        values: [1, 3],
      },
    ],
  },
  {
    code: 'DA-01',
    title: 'Dati aperti dei Comuni sul catalogo nazionale dati.gov.it',
    owner: 'Ufficio associato RTD',
    beneficiaries: 'Cittadini, imprese, ricercatori',
    description:
      'Pubblicazione coordinata dei dataset comunali (anagrafe, tributi, territorio) con metadati DCAT-AP_IT.',
    expectedResults: 'Almeno tre dataset per Comune sul catalogo nazionale.',
    effort: 'BASSO',
    benefitDirect: 'MEDIO',
    benefitIndirect: 'MEDIO',
    costs: [{ year: 2025, initial: 5000, running: 1000 }],
    funding: [{ source: 'OWN_BUDGET', amount: 6000 }],
    axis: 'PROMOZIONE',
    horizon: 'PROGRAMMED',
    startPeriod: '2025-S2',
    endPeriod: '2026-S2',
    lines: ['CAP2.PA.LA01', 'CAP2.PA.LA08'],
    indicators: [
      {
        name: 'Dataset pubblicati su dati.gov.it',
        kind: 'NUMBER',
        unit: 'dataset',
        measuredBy: 'OFFICE',
        source: 'Catalogo dati.gov.it',
        targets: [
          { year: 2025, value: 40 },
          { year: 2026, value: 126 },
        ],
        values: [28, 57],
      },
    ],
  },
  {
    code: 'DA-02',
    title: 'API dei servizi comunali sulla Piattaforma Digitale Nazionale Dati',
    owner: 'Ufficio associato RTD',
    description: 'Erogazione e fruizione di API conformi al Modello di interoperabilità tramite la PDND.',
    effort: 'MEDIO',
    benefitDirect: 'MEDIO',
    benefitIndirect: 'ALTO',
    costs: [{ year: 2026, initial: 25000, running: 3000 }],
    funding: [{ source: 'PNRR', amount: 25000, pnrrMeasure: '1.3.1', cup: cup(6) }],
    axis: 'INFRASTRUTTURE',
    horizon: 'MEDIUM_LONG_TERM',
    startPeriod: '2026-S1',
    endPeriod: '2027-S2',
    lines: ['CAP3.PA.LA23', 'CAP5.PA.LA01'],
    indicators: [
      {
        name: 'Comuni aderenti alla PDND',
        kind: 'YES_NO',
        measuredBy: 'COMUNE',
        targets: [
          { year: 2026, value: 60 },
          { year: 2027, value: 100 },
        ],
        values: [0.2, 0.4],
      },
    ],
  },
  {
    code: 'SI-01',
    title: 'Sicurezza informatica: misure minime e gestione delle vulnerabilità',
    owner: 'Ufficio associato RTD',
    beneficiaries: 'Uffici comunali',
    problem: 'Asset non censiti, correzioni applicate in ritardo.',
    description:
      'Censimento degli asset, verifica delle misure minime AgID, monitoraggio delle vulnerabilità (CVE) e applicazione delle correzioni sui siti istituzionali.',
    effort: 'ALTO',
    benefitDirect: 'ALTO',
    benefitIndirect: 'ALTO',
    costs: [
      { year: 2025, initial: 20000, running: 6000 },
      { year: 2026, initial: 0, running: 6000 },
    ],
    funding: [{ source: 'REGION', amount: 20000, note: 'Contributo regionale per la cybersicurezza' }],
    axis: 'INFRASTRUTTURE',
    horizon: 'IN_PROGRESS',
    implementation: 'IN_PROGRESS',
    startPeriod: '2025-S1',
    endPeriod: '2026-S2',
    lines: ['CAP6.PA.LA01', 'CAP6.PA.LA07', 'CAP6.PA.LA08'],
    indicators: [
      {
        name: 'Comuni con le misure minime di sicurezza verificate',
        kind: 'YES_NO',
        measuredBy: 'COMUNE',
        targets: [
          { year: 2025, value: 50 },
          { year: 2026, value: 100 },
        ],
        values: [0.35, 0.6],
      },
    ],
  },
  {
    code: 'SI-02',
    title: 'Consapevolezza del rischio informatico per dipendenti e amministratori',
    owner: 'Ufficio associato RTD',
    description: 'Campagne di sensibilizzazione e simulazioni di phishing in tutti i Comuni.',
    effort: 'BASSO',
    benefitDirect: 'MEDIO',
    benefitIndirect: 'ALTO',
    costs: [{ year: 2025, initial: 0, running: 4000 }],
    funding: [{ source: 'OWN_BUDGET', amount: 4000 }],
    axis: 'COMPETENZE',
    horizon: 'SHORT_TERM',
    startPeriod: '2025-S2',
    endPeriod: '2026-S1',
    lines: ['CAP6.PA.LA06'],
    indicators: [
      {
        name: 'Dipendenti che superano la simulazione di phishing',
        kind: 'PERCENTAGE',
        unit: '%',
        measuredBy: 'OFFICE',
        targets: [
          { year: 2025, value: 70 },
          { year: 2026, value: 85 },
        ],
        values: [64, 78],
      },
    ],
  },
  {
    code: 'FO-01',
    title: 'Formazione del personale sulla trasformazione digitale (Allegato 2)',
    owner: 'Ufficio associato RTD',
    beneficiaries: 'Dipendenti, segretari e amministratori comunali',
    problem: 'Competenze digitali disomogenee tra i Comuni.',
    description:
      'Programma formativo annuale su piattaforma e-learning (fruizione sincrona e asincrona) e corsi Syllabus, come nella proposta formativa dell’Allegato 2.',
    expectedResults: 'Ogni dipendente completa almeno un percorso all’anno.',
    skills: 'Progettazione formativa',
    effort: 'MEDIO',
    benefitDirect: 'ALTO',
    benefitIndirect: 'ALTO',
    costs: [
      { year: 2025, initial: 15000, running: 10000 },
      { year: 2026, initial: 0, running: 10000 },
    ],
    funding: [{ source: 'OWN_BUDGET', amount: 35000 }],
    axis: 'COMPETENZE',
    horizon: 'IN_PROGRESS',
    implementation: 'IN_PROGRESS',
    startPeriod: '2025-S1',
    endPeriod: '2027-S2',
    lines: ['CAP8.PA.LA10', 'CAP8.PA.LA32', 'CAP8.PA.LA33'],
    indicators: [
      {
        name: 'Dipendenti formati',
        kind: 'NUMBER',
        unit: 'persone',
        measuredBy: 'COMUNE',
        source: 'Piattaforma e-learning',
        targets: [
          { year: 2025, value: 300 },
          { year: 2026, value: 600 },
        ],
        values: [6, 11],
      },
    ],
  },
  {
    code: 'GO-01',
    title: 'Monitoraggio del Piano e relazione annuale alla Conferenza dei Sindaci',
    owner: 'Ufficio associato RTD',
    description:
      'Monitoraggio semestrale degli interventi e degli indicatori; relazione annuale e aggiornamento del Piano.',
    effort: 'BASSO',
    benefitDirect: 'MEDIO',
    benefitIndirect: 'MEDIO',
    costs: [],
    funding: [{ source: 'OWN_BUDGET', amount: null }],
    axis: 'GOVERNANCE',
    horizon: 'COMPLETED',
    implementation: 'COMPLETED',
    startPeriod: '2025-S1',
    endPeriod: '2025-S2',
    lines: ['CAP8.PA.LA25'],
    indicators: [
      {
        name: 'Relazione semestrale presentata',
        kind: 'YES_NO',
        measuredBy: 'OFFICE',
        targets: [{ year: 2025, value: 100 }],
        values: [1, 1],
      },
    ],
  },
  {
    code: 'GO-02',
    title: 'Protocollo informatico unico per tutti i Comuni',
    owner: 'Ufficio associato RTD',
    axis: 'GOVERNANCE',
    horizon: 'REMOVED',
    removedReason: 'Superato dalla migrazione in cloud dei gestionali (SA-04), che comprende il protocollo.',
    lines: [],
    indicators: [],
  },
];
