import type { AssignmentAction, AssignmentStatus, Role } from '../gql/graphql';

/**
 * Every word a person reads about statuses, roles and moves, in one place (conventions, rule 16).
 * Errors have their own dictionary in errors.ts.
 */
export const STATUS_LABEL: Record<AssignmentStatus, string> = {
  NOT_STARTED: 'Non avviata',
  IN_PROGRESS: 'In corso',
  SUBMITTED: 'Inviata, da validare',
  COMPLETED: 'Completata',
  REJECTED: 'Respinta',
  NOT_APPLICABLE: 'Non applicabile',
};

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
};

export const REVIEW_DECISION_LABEL = { APPROVE: 'approvato', REJECT: 'respinto' } as const;

/** Column headings of the compliance tables (regional observer, dashboards): counts of assignments. */
export const COMPLIANCE_COLUMN_LABEL = {
  total: 'Totale',
  completed: 'Completate',
  inProgress: 'In corso',
  submitted: 'Inviate, da validare',
  rejected: 'Respinte',
  notStarted: 'Non avviate',
  notApplicable: 'Non applicabili',
  overdue: 'In ritardo',
  completionRate: 'Completamento',
} as const;

/** The dashboard panel of the periodic report (ReportPanel). */
export const REPORT_LABEL = {
  region: 'Relazione periodica',
  intro:
    'La relazione del consorzio con i dati del cruscotto, la mappa dei Comuni, i ritardatari e l’andamento: preparata in background, conservata un anno.',
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
  WEEKLY: 'Settimanale (il lunedì)',
  NONE: 'Nessuna (solo su richiesta)',
} as const;

/** The download buttons of the scheda per comune and of the monitoring sheet. */
export const EXPORT_LABEL = {
  region: 'Scarica i documenti',
  scheda: 'Scarica la scheda del Comune (PDF)',
  monitoring: 'Scarica il foglio di monitoraggio (XLSX)',
  schedeAll: 'Scarica le schede di tutti i Comuni (PDF)',
  monitoringAll: 'Scarica il monitoraggio del consorzio (XLSX)',
  working: 'Preparazione del file…',
  progress: (percent: number) => `In preparazione… ${percent}%`,
  done: (fileName: string) => `File pronto: ${fileName}`,
  failed: 'Non è stato possibile preparare il file. Riprova; se si ripete, avvisa l’Ufficio RTD.',
} as const;

export const IMPORT_LABEL = {
  region: 'Importa gli stati da un file',
  hint: 'Il foglio di monitoraggio scaricato qui (XLSX), modificato nelle colonne Stato, Avanzamento e Criticità, oppure un CSV con le stesse intestazioni. Al massimo 2 MB.',
  file: 'File da importare (.xlsx o .csv)',
  check: 'Verifica il file',
  checking: 'Verifica in corso…',
  confirm: (n: number) => `Conferma e applica ${n === 1 ? 'la modifica' : `le ${n} modifiche`}`,
  applying: 'Applicazione in corso…',
  cancel: 'Annulla',
  changesCaption: 'Modifiche che il file apporta',
  errorsCaption: 'Righe con errori: correggile nel file e verificalo di nuovo',
  noChanges: (unchanged: number) =>
    `Nessuna modifica: ${unchanged === 1 ? 'la riga ha' : `le ${unchanged} righe hanno`} già i valori attuali.`,
  summary: (rows: number, changes: number, errors: number) =>
    `Righe lette: ${rows}; modifiche: ${changes}; errori: ${errors}.`,
  blockedByErrors: 'Con errori non si applica nulla: correggi le righe indicate e verifica di nuovo il file.',
  applied: (n: number) =>
    `Importazione completata: ${n === 1 ? 'modificata 1 attività' : `modificate ${n} attività`}.`,
  notApplied: 'Nulla è stato applicato: nel frattempo il file ha dato errori (vedi sotto).',
  tooBig: 'Il file supera i 2 MB: usa il foglio di un solo Comune o riduci le righe.',
  row: 'Riga',
  sheet: 'Foglio',
  column: 'Colonna',
  reason: 'Motivo',
  comune: 'Comune',
  line: 'Linea',
  status: 'Stato',
  progress: 'Avanzamento',
  issues: 'Criticità modificate',
} as const;
