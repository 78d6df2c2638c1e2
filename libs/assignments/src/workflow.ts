import { badInput, conflict, DomainError, forbidden, statusName } from '@rtd/kernel';

export const STATUSES = [
  'NOT_STARTED',
  'IN_PROGRESS',
  'SUBMITTED',
  'COMPLETED',
  'REJECTED',
  'NOT_APPLICABLE',
] as const;
export type AssignmentStatus = (typeof STATUSES)[number];

/** Who acts: the municipality (referent or delegate) or the RTD office (RTD or staff). */
export type Side = 'municipality' | 'office';

export type WorkflowAction =
  | { kind: 'update'; to: AssignmentStatus | null }
  | { kind: 'submit' }
  | { kind: 'approve' }
  | { kind: 'reject' }
  | { kind: 'notApplicable' }
  | { kind: 'evidence' };

/** Statuses in which the municipality's report is frozen (under review, or settled). */
const LOCKED_FOR_MUNICIPALITY: AssignmentStatus[] = ['SUBMITTED', 'COMPLETED', 'NOT_APPLICABLE'];

/**
 * The assignment state machine of the contract, in one place:
 * NOT_STARTED -> IN_PROGRESS -> SUBMITTED -> COMPLETED | REJECTED; REJECTED -> IN_PROGRESS | SUBMITTED;
 * NOT_APPLICABLE only by the RTD office, with a reason; COMPLETED (and NOT_APPLICABLE) reopened
 * only by the RTD office. Returns the status after the action, or throws the refusal.
 */
export function nextStatus(from: AssignmentStatus, side: Side, action: WorkflowAction): AssignmentStatus {
  switch (action.kind) {
    case 'update': {
      const to = action.to ?? from;
      if (side === 'municipality') {
        if (to === from && LOCKED_FOR_MUNICIPALITY.includes(from)) {
          throw conflict(`Assegnazione in stato ${statusName(from)}: il comune non la modifica più`);
        }
        if (to === 'SUBMITTED')
          throw badInput('status', "per inviare all'Ufficio RTD usare submitAssignment");
        if (to === 'COMPLETED' || to === 'REJECTED' || to === 'NOT_APPLICABLE') {
          throw forbidden(`Lo stato ${statusName(to)} è riservato all'Ufficio RTD`);
        }
        if (LOCKED_FOR_MUNICIPALITY.includes(from)) throw refused(from, to);
        return to;
      }
      // The office only reopens settled work (COMPLETED, NOT_APPLICABLE, REJECTED) to IN_PROGRESS;
      // status, progress and issues are otherwise the municipality's to report. A report under
      // review is decided through reviewAssignment, with a reason the comune reads and is mailed.
      if (to === from) throw forbidden('Avanzamento e criticità li aggiorna il comune');
      if (from === 'SUBMITTED') throw underReview();
      if (to === 'IN_PROGRESS' && ['COMPLETED', 'NOT_APPLICABLE', 'REJECTED'].includes(from)) return to;
      if (to === 'COMPLETED' || to === 'REJECTED')
        throw badInput('status', 'per decidere usare reviewAssignment');
      if (to === 'NOT_APPLICABLE') throw badInput('status', 'usare markNotApplicable, con la motivazione');
      throw refused(from, to);
    }
    case 'submit':
      if (side !== 'municipality') throw forbidden("Invia il comune, non l'Ufficio RTD");
      if (from === 'IN_PROGRESS' || from === 'REJECTED') return 'SUBMITTED';
      throw refused(from, 'SUBMITTED');
    case 'approve':
    case 'reject':
      if (side !== 'office') throw forbidden("La validazione spetta all'Ufficio RTD");
      if (from !== 'SUBMITTED') throw refused(from, action.kind === 'approve' ? 'COMPLETED' : 'REJECTED');
      return action.kind === 'approve' ? 'COMPLETED' : 'REJECTED';
    case 'notApplicable':
      if (side !== 'office') throw forbidden("Solo l'Ufficio RTD dichiara un obiettivo non applicabile");
      if (from === 'NOT_APPLICABLE') throw refused(from, 'NOT_APPLICABLE');
      return 'NOT_APPLICABLE';
    case 'evidence':
      if (side === 'office') throw forbidden('Le evidenze le aggiunge il comune');
      if (LOCKED_FOR_MUNICIPALITY.includes(from)) {
        throw conflict(`Assegnazione in stato ${statusName(from)}: non si aggiungono evidenze`);
      }
      return from;
  }
}

function underReview(): DomainError {
  return conflict(
    "Resoconto in attesa di validazione: l'Ufficio RTD decide con reviewAssignment (approva, o respinge con la motivazione)",
  );
}

/** The state of the shared objective an assignment belongs to (DRAFT, PUBLISHED, CLOSED). */
export type ObjectiveState = 'DRAFT' | 'PUBLISHED' | 'CLOSED';

/**
 * A closed objective freezes its reports: no update, submission, evidence, decision or
 * delegation on any of its assignments, from either side.
 */
export function checkObjectiveOpen(state: ObjectiveState): void {
  if (state === 'CLOSED')
    throw conflict("L'obiettivo è chiuso: i suoi resoconti non si possono più modificare");
}

function refused(from: AssignmentStatus, to: AssignmentStatus): DomainError {
  return conflict(`Passaggio di stato non consentito: da ${statusName(from)} a ${statusName(to)}`);
}

/** What a caller may do on an assignment, as the screen offers it (derived from nextStatus). */
export const ASSIGNMENT_ACTIONS = [
  'SET_NOT_STARTED',
  'SET_IN_PROGRESS',
  'UPDATE_PROGRESS',
  'SUBMIT',
  'ADD_EVIDENCE',
  'DELEGATE',
  'APPROVE',
  'REJECT',
  'MARK_NOT_APPLICABLE',
  'REOPEN',
] as const;
export type AssignmentAction = (typeof ASSIGNMENT_ACTIONS)[number];

function permitted(from: AssignmentStatus, side: Side, action: WorkflowAction): boolean {
  try {
    nextStatus(from, side, action);
    return true;
  } catch {
    return false;
  }
}

/**
 * The moves the state machine allows from `from` to one side; the caller's rights decide the
 * side (or none), and `canDelegate` adds delegation. The web app shows exactly these.
 */
export function allowedActions(
  from: AssignmentStatus,
  side: Side | null,
  canDelegate: boolean,
  objectiveState: ObjectiveState = 'PUBLISHED',
): AssignmentAction[] {
  if (objectiveState === 'CLOSED') return [];
  const actions: AssignmentAction[] = [];
  if (side === 'municipality') {
    if (from !== 'NOT_STARTED' && permitted(from, side, { kind: 'update', to: 'NOT_STARTED' }))
      actions.push('SET_NOT_STARTED');
    if (from !== 'IN_PROGRESS' && permitted(from, side, { kind: 'update', to: 'IN_PROGRESS' }))
      actions.push('SET_IN_PROGRESS');
    if (permitted(from, side, { kind: 'update', to: null })) actions.push('UPDATE_PROGRESS');
    if (permitted(from, side, { kind: 'submit' })) actions.push('SUBMIT');
    if (permitted(from, side, { kind: 'evidence' })) actions.push('ADD_EVIDENCE');
  }
  if (canDelegate) actions.push('DELEGATE');
  if (side === 'office') {
    if (permitted(from, side, { kind: 'approve' })) actions.push('APPROVE');
    if (permitted(from, side, { kind: 'reject' })) actions.push('REJECT');
    if (permitted(from, side, { kind: 'notApplicable' })) actions.push('MARK_NOT_APPLICABLE');
    // Under review the office decides (nextStatus refuses it); it reopens only settled or rejected work.
    if (permitted(from, side, { kind: 'update', to: 'IN_PROGRESS' })) actions.push('REOPEN');
  }
  return actions;
}
