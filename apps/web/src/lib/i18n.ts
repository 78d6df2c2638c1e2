import type {
  AssignmentAction,
  AssignmentStatus,
  PlanBody,
  PlanEditionStatus,
  Role,
  SuccessionKind,
} from '../gql/graphql';
import {
  CLOSED_BY_OFFICE,
  closedByOfficeOn,
  STATUS_LABEL as STATUS_VOCABULARY,
  STATUS_LABEL_PLURAL,
} from '../../../../libs/kernel/src/text/status-vocabulary';

/**
 * Every word a person reads about statuses, roles and moves, in one place (conventions, rule 16).
 * Errors have their own dictionary in errors.ts.
 */
// Statuses: the one vocabulary shared with the mails and the exports (the server's own file).
export const STATUS_LABEL: Record<AssignmentStatus, string> = STATUS_VOCABULARY;

/** «Chiuso dall’ufficio il 07/12/2026», instead of a status, once the office closed the objective. */
export { CLOSED_BY_OFFICE, closedByOfficeOn };

/** Order in which the worklist shows its groups: what needs the comune first. */
export const STATUS_ORDER: AssignmentStatus[] = [
  'REJECTED',
  'IN_PROGRESS',
  'NOT_STARTED',
  'SUBMITTED',
  'COMPLETED',
  'NOT_APPLICABLE',
];

/** Bootstrap Italia colour per status; colour is never the only cue (the label is always shown). */
export const STATUS_COLOR: Record<AssignmentStatus, string> = {
  NOT_STARTED: 'secondary',
  IN_PROGRESS: 'primary',
  SUBMITTED: 'warning',
  COMPLETED: 'success',
  REJECTED: 'danger',
  NOT_APPLICABLE: 'dark',
};

export const ROLE_LABEL: Record<Role, string> = {
  PLATFORM_ADMIN: 'Amministratore della piattaforma',
  CONSORTIUM_RTD: 'Responsabile per la Transizione al Digitale',
  CONSORTIUM_STAFF: 'Staff dell’Ufficio RTD',
  AUDITOR: 'Revisore',
  COMUNE_REFERENT: 'Referente del Comune',
  COMUNE_DELEGATE: 'Delegato del Comune',
  COMUNE_VIEWER: 'Consultazione del Comune',
  REGIONAL_OBSERVER: 'Osservatore regionale',
};

export const ACTION_LABEL: Record<AssignmentAction, string> = {
  SET_NOT_STARTED: 'Riporta a «Non avviata»',
  SET_IN_PROGRESS: 'Avvia l’attività',
  UPDATE_PROGRESS: 'Salva l’avanzamento',
  SUBMIT: 'Invia all’Ufficio RTD',
  ADD_EVIDENCE: 'Aggiungi evidenza',
  DELEGATE: 'Delega',
  APPROVE: 'Approva',
  REJECT: 'Respingi',
  MARK_NOT_APPLICABLE: 'Segna come non applicabile',
  REOPEN: 'Riapri',
};

export const DEADLINE_KIND_LABEL = { BY: 'Entro', FROM: 'Dal', NONE: 'Senza scadenza' } as const;

export const OBJECTIVE_STATE_LABEL = { DRAFT: 'Bozza', PUBLISHED: 'Pubblicato', CLOSED: 'Chiuso' } as const;

export const PUSH_STATE_LABEL = {
  QUEUED: 'In coda',
  RUNNING: 'In corso',
  DONE: 'Completato',
  FAILED: 'Non riuscito',
} as const;

/** What each audit-log action means (libs/*: `action: '...'` of AuditTrail.record), for "Registro delle attività". */
export const AUDIT_ACTION_LABEL: Record<string, string> = {
  'membership.grant': 'Ruolo assegnato',
  'membership.revoke': 'Ruolo revocato',
  'consortium.create': 'Consorzio costituito',
  'consortium.updateSettings': 'Impostazioni del consorzio cambiate',
  'objective.create': 'Obiettivo creato',
  'objective.update': 'Obiettivo modificato',
  'objective.publish': 'Obiettivo pubblicato',
  'objective.close': 'Obiettivo chiuso',
  'objective.delete': 'Bozza di obiettivo eliminata',
  'assignment.update': 'Avanzamento aggiornato',
  'assignment.submit': 'Resoconto inviato',
  'assignment.review': 'Resoconto validato o respinto',
  'assignment.markNotApplicable': 'Attività segnata come non applicabile',
  'assignment.addEvidence': 'Evidenza aggiunta',
  'assignment.removeEvidence': 'Evidenza rimossa o sostituita',
  'assignment.delegate': 'Delega cambiata',
  'export.request': 'File richiesto',
  'export.schedule': 'Calendario della relazione periodica cambiato',
};

/** An action with no entry above still reads as something: "objective.archive" -> "objective.archive". */
export const auditActionLabel = (action: string) => AUDIT_ACTION_LABEL[action] ?? action;

/** The kinds of thing an audit entry concerns. */
export const AUDIT_ENTITY_LABEL: Record<string, string> = {
  Membership: 'Ruolo',
  SharedObjective: 'Obiettivo condiviso',
  Assignment: 'Attività del Comune',
  Consortium: 'Consorzio',
  ExportJob: 'File esportato',
  ConsortiumReportSchedule: 'Calendario della relazione periodica',
  Person: 'Persona',
  PlanEdition: 'Edizione del Piano Triennale',
};

export const REVIEW_DECISION_LABEL = { APPROVE: 'approvato', REJECT: 'respinto' } as const;

/** Column headings of the compliance tables (regional observer, dashboards): counts of assignments. */
export const COMPLIANCE_COLUMN_LABEL = {
  total: 'Totale',
  completed: STATUS_LABEL_PLURAL.COMPLETED,
  inProgress: STATUS_LABEL_PLURAL.IN_PROGRESS,
  submitted: STATUS_LABEL_PLURAL.SUBMITTED,
  rejected: STATUS_LABEL_PLURAL.REJECTED,
  notStarted: STATUS_LABEL_PLURAL.NOT_STARTED,
  notApplicable: STATUS_LABEL_PLURAL.NOT_APPLICABLE,
  overdue: 'In ritardo',
  completionRate: 'Completamento',
} as const;

/** The dashboard panel of the periodic report (ReportPanel). */
export const REPORT_LABEL = {
  region: 'Relazione periodica',
  intro:
    'La relazione del consorzio: copertina, sintesi con la variazione dall’ultima relazione, grafici, attività completate, in ritardo con le criticità e in scadenza; preparata in background, conservata un anno.',
  commentary: 'Commento del Responsabile per la Transizione al Digitale (facoltativo)',
  commentaryHint: 'Compare nella sintesi della relazione che si genera ora; al massimo 4.000 caratteri.',
  generatePdf: 'Genera la relazione (PDF)',
  generateXlsx: 'Genera la relazione (XLSX)',
  requesting: 'Richiesta in corso…',
  listCaption: 'Relazioni recenti',
  requestedAt: 'Richiesta il',
  format: 'Formato',
  state: 'Stato',
  keptUntil: 'Conservata fino al',
  file: 'File',
  none: 'Nessuna relazione ancora: generane una, oppure attendi quella programmata.',
  download: 'Scarica',
  downloading: 'Scaricamento…',
  downloadOf: (date: string) => `Scarica la relazione del ${date}`,
  progressOf: (date: string) => `Avanzamento della relazione del ${date}`,
  scheduleTitle: 'Relazione programmata',
  frequency: 'Frequenza',
  scheduleFormat: 'Formato della relazione programmata',
  dayOfMonth: 'Giorno del mese',
  save: 'Salva',
  saving: 'Salvataggio…',
  saved: 'Calendario salvato.',
  next: (date: string) => `Prossima relazione: ${date}`,
  noNext: 'Nessuna relazione programmata.',
  defaultNote: 'Finché non viene cambiata, la relazione è mensile, in PDF, il giorno 1.',
  queued: 'Relazione richiesta: la prepariamo in background.',
} as const;

export const REPORT_STATE_LABEL = {
  QUEUED: () => 'In coda',
  RUNNING: (progress: number) => `In preparazione ${progress}%`,
  COMPLETED: () => 'Pronta',
  FAILED: () => 'Non riuscita',
} as const;

export const REPORT_FREQUENCY_LABEL = {
  MONTHLY: 'Mensile',
  QUARTERLY: 'Trimestrale',
  SEMIANNUAL: 'Semestrale (gennaio e luglio)',
  ANNUAL: 'Annuale (gennaio)',
  WEEKLY: 'Settimanale (il lunedì)',
  NONE: 'Nessuna (solo su richiesta)',
} as const;

/** Kinds of body a line of the Piano Triennale addresses (PlanLine.bodies). */
export const BODY_LABEL: Record<PlanBody, string> = {
  ALL_ADMINISTRATIONS: 'tutte le PA',
  LOCAL_ADMINISTRATIONS: 'PA locali',
  LOCAL_AUTHORITIES: 'enti locali',
  MUNICIPALITIES: 'Comuni',
  METROPOLITAN_CAPITALS: 'Comuni capoluogo di Città metropolitana',
  METROPOLITAN_CITIES: 'Città metropolitane',
  PROVINCES: 'Province',
  REGIONS: 'Regioni e Province autonome',
  MUNICIPAL_UNIONS: 'Unioni di Comuni e Comunità montane',
  CENTRAL_ADMINISTRATIONS: 'PA centrali',
  HEALTH_BODIES: 'strutture sanitarie',
  SCHOOLS: 'istituzioni scolastiche',
  UNIVERSITIES: 'Università e AFAM',
  MUSEUMS: 'musei',
  CONTRACTING_AUTHORITIES: 'stazioni appaltanti',
  PURCHASING_AGGREGATORS: 'soggetti aggregatori',
  CITIZENS_AND_BUSINESSES: 'cittadini e imprese',
};

/** What became of a line in the next edition (PlanLineSuccession.kind). */
export const SUCCESSION_KIND_LABEL: Record<SuccessionKind, string> = {
  UNCHANGED: 'invariata',
  REWORDED: 'riformulata',
  SPLIT: 'suddivisa',
  MERGED: 'accorpata',
  DROPPED: 'eliminata',
};

export const EDITION_STATUS_LABEL: Record<PlanEditionStatus, string> = {
  CURRENT: 'in vigore',
  SUPERSEDED: 'superata',
};

/** The Piano Triennale's facts as the catalogue, the line picker and the objective editor show them. */
export const PLAN_LABEL = {
  deadlines: 'Scadenze',
  noDeadline: 'Senza scadenza',
  by: (words: string, date: string) => `${words} (entro il ${date})`,
  byDay: (date: string) => `Entro il ${date}`,
  from: (words: string, date: string) => `${words} (dal ${date})`,
  fromDay: (date: string) => `Dal ${date}`,
  appliesTo: 'Destinatari',
  allComuni: 'tutti i Comuni',
  band: (min: string | null, max: string | null) =>
    min && max
      ? `Comuni tra ${min} e ${max} abitanti`
      : min
        ? `Comuni con almeno ${min} abitanti`
        : `Comuni con al massimo ${max} abitanti`,
  populationNote: 'popolazione ISTAT al 1° gennaio 2021',
  addressedTo: (bodies: string) => `rivolta a: ${bodies}`,
  noComuni: 'non riguarda i Comuni',
  capitalsOnly: 'solo i Comuni capoluogo di Città metropolitana',
  conditions: 'Condizioni da verificare',
  correction: 'Testo corretto',
  correctionOf: (find: string, replace: string) => `«${find}» si legge «${replace}»`,
  source: 'Fonte',
  nextEdition: (edition: string) => `Nella nuova edizione (${edition}):`,
  previousEdition: (edition: string) => `Nell’edizione precedente (${edition}):`,
  noSuccessor: 'nessuna linea',
  reviewed: 'corrispondenza verificata',
  automatic: 'corrispondenza calcolata, da verificare',
  proposedDue: (date: string, code: string, words: string) =>
    `Scadenza del Piano: entro il ${date} (${code}, «${words}»)`,
  useProposedDue: 'Usa la scadenza del Piano',
  noProposedDue: 'Le linee scelte non fissano una scadenza.',
  population: (value: string, date: string) => `${value} abitanti (ISTAT, ${date})`,
} as const;

/** "Porta avanti": a new draft of an objective on the successor lines of a newer edition. */
export const CARRY_FORWARD_LABEL = {
  title: 'Nuova edizione del Piano',
  intro: (edition: string) =>
    `L’obiettivo è su un’edizione superata. Portarlo avanti crea una bozza sull’edizione ${edition}, con le linee che ne sono il seguito; questo obiettivo resta com’è, con le sue attività e la sua storia.`,
  caption: (edition: string) => `Le linee dell’obiettivo e il loro seguito nell’edizione ${edition}`,
  line: 'Linea',
  becomes: 'Diventa',
  due: (date: string) => `entro il ${date}`,
  dropped: (note: string) => `Senza seguito: ${note}`,
  action: (edition: string) => `Porta avanti nell’edizione ${edition}`,
  working: 'Creazione della bozza…',
  nothing: (edition: string) =>
    `Nessuna linea ha un seguito nell’edizione ${edition}: non c’è nulla da portare avanti.`,
  carriedFrom: 'Portato avanti da',
  carriedTo: 'Portato avanti in',
} as const;

/** Why a member is left out of a target (TargetPreview.excluded) and what no data decides. */
export const TARGET_LABEL = {
  excludedTitle: (n: number) => (n === 1 ? '1 Comune escluso' : `${n} Comuni esclusi`),
  excludedCaption: 'Comuni del consorzio che l’obiettivo non raggiunge, e perché',
  comune: 'Comune',
  population: 'Abitanti (ISTAT, 1° gennaio 2021)',
  reason: 'Motivo',
  conditionsTitle: 'Condizioni da verificare con i Comuni',
  conditionsIntro:
    'Le linee scelte pongono condizioni che i dati non dicono: restano alla verifica dell’Ufficio.',
} as const;

export * from './i18n-documents';
export * from './i18n-app';
export * from './i18n-plan';
export * from './i18n-plan-vocabulary';
export * from './i18n-consortia';
export * from './i18n-objectives';
export * from './i18n-work';
export * from './i18n-dashboard';
export * from './i18n-comune';
export * from './i18n-audit';
export * from './i18n-people';
export * from './i18n-assignment';
export * from './i18n-catalog';
export * from './i18n-notifications';
export * from './i18n-region';
