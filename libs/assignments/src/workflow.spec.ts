import {
  allowedActions,
  AssignmentStatus,
  checkObjectiveOpen,
  nextStatus,
  Side,
  STATUSES,
  WorkflowAction,
} from './workflow';

const outcome = (from: AssignmentStatus, side: Side, action: WorkflowAction): string => {
  try {
    return nextStatus(from, side, action);
  } catch (error) {
    return (error as { code: string }).code;
  }
};

describe('assignment workflow', () => {
  it('walks the happy path of the contract', () => {
    expect(outcome('NOT_STARTED', 'municipality', { kind: 'update', to: 'IN_PROGRESS' })).toBe('IN_PROGRESS');
    expect(outcome('IN_PROGRESS', 'municipality', { kind: 'submit' })).toBe('SUBMITTED');
    expect(outcome('SUBMITTED', 'office', { kind: 'approve' })).toBe('COMPLETED');
    expect(outcome('SUBMITTED', 'office', { kind: 'reject' })).toBe('REJECTED');
    expect(outcome('REJECTED', 'municipality', { kind: 'update', to: 'IN_PROGRESS' })).toBe('IN_PROGRESS');
    expect(outcome('REJECTED', 'municipality', { kind: 'submit' })).toBe('SUBMITTED');
    expect(outcome('COMPLETED', 'office', { kind: 'update', to: 'IN_PROGRESS' })).toBe('IN_PROGRESS');
  });

  it('keeps the office decisions to the office and submission to the municipality', () => {
    for (const to of ['COMPLETED', 'REJECTED', 'NOT_APPLICABLE'] as const) {
      expect(outcome('IN_PROGRESS', 'municipality', { kind: 'update', to })).toBe('FORBIDDEN');
    }
    expect(outcome('SUBMITTED', 'municipality', { kind: 'approve' })).toBe('FORBIDDEN');
    expect(outcome('IN_PROGRESS', 'municipality', { kind: 'notApplicable' })).toBe('FORBIDDEN');
    expect(outcome('IN_PROGRESS', 'office', { kind: 'submit' })).toBe('FORBIDDEN');
    expect(outcome('IN_PROGRESS', 'office', { kind: 'update', to: null })).toBe('FORBIDDEN');
    expect(outcome('IN_PROGRESS', 'office', { kind: 'evidence' })).toBe('FORBIDDEN');
  });

  it('refuses every other transition with CONFLICT', () => {
    const allowed = new Set([
      'NOT_STARTED>IN_PROGRESS',
      'IN_PROGRESS>SUBMITTED',
      'REJECTED>SUBMITTED',
      'SUBMITTED>COMPLETED',
      'SUBMITTED>REJECTED',
    ]);
    for (const from of STATUSES) {
      const submit = outcome(from, 'municipality', { kind: 'submit' });
      expect([from, submit]).toEqual([from, allowed.has(`${from}>SUBMITTED`) ? 'SUBMITTED' : 'CONFLICT']);
      const approve = outcome(from, 'office', { kind: 'approve' });
      expect([from, approve]).toEqual([from, allowed.has(`${from}>COMPLETED`) ? 'COMPLETED' : 'CONFLICT']);
    }
    expect(outcome('NOT_STARTED', 'municipality', { kind: 'submit' })).toBe('CONFLICT');
    expect(outcome('COMPLETED', 'municipality', { kind: 'update', to: 'IN_PROGRESS' })).toBe('CONFLICT');
    expect(outcome('SUBMITTED', 'municipality', { kind: 'evidence' })).toBe('CONFLICT');
    expect(outcome('NOT_APPLICABLE', 'office', { kind: 'notApplicable' })).toBe('CONFLICT');
  });

  it('offers each side only the moves the state machine allows', () => {
    expect(allowedActions('NOT_STARTED', 'municipality', true)).toEqual([
      'SET_IN_PROGRESS',
      'UPDATE_PROGRESS',
      'ADD_EVIDENCE',
      'DELEGATE',
    ]);
    expect(allowedActions('IN_PROGRESS', 'municipality', false)).toEqual([
      'SET_NOT_STARTED',
      'UPDATE_PROGRESS',
      'SUBMIT',
      'ADD_EVIDENCE',
    ]);
    // A rejected report is taken up again (In corso) or sent again; it is not edited as it stands.
    expect(allowedActions('REJECTED', 'municipality', false)).toEqual([
      'SET_NOT_STARTED',
      'SET_IN_PROGRESS',
      'SUBMIT',
      'ADD_EVIDENCE',
    ]);
    expect(allowedActions('SUBMITTED', 'municipality', true)).toEqual(['DELEGATE']);
    expect(allowedActions('SUBMITTED', 'office', false)).toEqual([
      'APPROVE',
      'REJECT',
      'MARK_NOT_APPLICABLE',
    ]);
    expect(allowedActions('COMPLETED', 'office', false)).toEqual(['MARK_NOT_APPLICABLE', 'REOPEN']);
    expect(allowedActions('IN_PROGRESS', null, false)).toEqual([]);
    for (const from of STATUSES) {
      for (const action of allowedActions(from, 'municipality', false)) {
        expect(['APPROVE', 'REJECT', 'MARK_NOT_APPLICABLE', 'REOPEN']).not.toContain(action);
      }
    }
  });

  it('leaves a report under review to the decision, never to an update by the office', () => {
    expect(outcome('SUBMITTED', 'office', { kind: 'update', to: 'IN_PROGRESS' })).toBe('CONFLICT');
    expect(outcome('SUBMITTED', 'office', { kind: 'update', to: 'NOT_STARTED' })).toBe('CONFLICT');
    expect(() => nextStatus('SUBMITTED', 'office', { kind: 'update', to: 'IN_PROGRESS' })).toThrow(
      /reviewAssignment/,
    );
    expect(allowedActions('SUBMITTED', 'office', true)).not.toContain('REOPEN');
  });

  it('offers nothing on the assignments of a closed objective, and refuses with CONFLICT', () => {
    for (const from of STATUSES) {
      expect(allowedActions(from, 'municipality', true, 'CLOSED')).toEqual([]);
      expect(allowedActions(from, 'office', true, 'CLOSED')).toEqual([]);
    }
    expect(() => checkObjectiveOpen('PUBLISHED')).not.toThrow();
    expect(() => checkObjectiveOpen('CLOSED')).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    expect(() => checkObjectiveOpen('CLOSED')).toThrow(
      "L'obiettivo è chiuso: i suoi resoconti non si possono più modificare",
    );
  });

  it('names statuses in Italian in its messages, never by their codes', () => {
    const message = (from: AssignmentStatus, side: Side, action: WorkflowAction): string => {
      try {
        nextStatus(from, side, action);
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(message('IN_PROGRESS', 'municipality', { kind: 'update', to: 'COMPLETED' })).toBe(
      "Lo stato «Completata» è riservato all'Ufficio RTD",
    );
    expect(message('SUBMITTED', 'municipality', { kind: 'update', to: null })).toBe(
      'Assegnazione in stato «Inviata, da validare»: il comune non la modifica più',
    );
    expect(message('NOT_STARTED', 'municipality', { kind: 'submit' })).toBe(
      'Passaggio di stato non consentito: da «Non avviata» a «Inviata, da validare»',
    );
    expect(message('COMPLETED', 'municipality', { kind: 'evidence' })).toBe(
      'Assegnazione in stato «Completata»: non si aggiungono evidenze',
    );
    for (const from of STATUSES) {
      for (const side of ['municipality', 'office'] as const) {
        for (const kind of ['submit', 'approve', 'reject', 'notApplicable', 'evidence'] as const) {
          expect(message(from, side, { kind })).not.toMatch(new RegExp(STATUSES.join('|')));
        }
      }
    }
  });
});
