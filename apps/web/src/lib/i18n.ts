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
