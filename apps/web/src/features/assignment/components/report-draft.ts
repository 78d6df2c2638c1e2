import type { AssignmentStatus } from '../../../gql/graphql';
import { STATUS_LABEL } from '../../../lib/i18n';
import type { AssignmentDetail } from './types';

/** The server's limit on the criticità (libs/assignments). */
export const MAX_ISSUES = 10_000;

export interface Draft {
  status: AssignmentStatus;
  progress: string;
  issues: string;
  note: string;
}

export interface Snapshot {
  version: number;
  status: AssignmentStatus;
  progress: number;
  issues: string;
}

export const snapshotOf = (a: AssignmentDetail): Snapshot => ({
  version: a.version,
  status: a.status,
  progress: a.progress,
  issues: a.issues ?? '',
});

/** The status the form starts from: the current one, unless it can only be left (a rejected report). */
export const startStatus = (a: AssignmentDetail): AssignmentStatus =>
  a.allowedActions.includes('UPDATE_PROGRESS') || !a.allowedActions.includes('SET_IN_PROGRESS')
    ? a.status
    : 'IN_PROGRESS';

/** What survives a session that ends before sending: the form as typed, and the version it started from. */
export interface StoredDraft {
  version: number;
  draft: Draft;
  submitNote: string;
}

export const draftOf = (a: AssignmentDetail): Draft => ({
  status: startStatus(a),
  progress: String(a.progress),
  issues: a.issues ?? '',
  note: '',
});

/** What another person changed between the version the form started from and the latest one. */
export function changesBetween(before: Snapshot, after: AssignmentDetail): string[] {
  const changes: string[] = [];
  if (before.status !== after.status)
    changes.push(`stato: da «${STATUS_LABEL[before.status]}» a «${STATUS_LABEL[after.status]}»`);
  if (before.progress !== after.progress)
    changes.push(`avanzamento: da ${before.progress}% a ${after.progress}%`);
  if (before.issues !== (after.issues ?? ''))
    changes.push(`criticità: ora «${after.issues?.trim() ? after.issues : 'nessuna'}»`);
  return changes.length ? changes : ['altri dati dell’attività (ad esempio delega o evidenze)'];
}
