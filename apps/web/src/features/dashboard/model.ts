import type { AssignmentStatus } from '../../gql/graphql';
import type { DashboardAssignment } from './hooks/useConsortiumAssignments';

export interface DashboardFilters {
  edition: string | null;
  chapter: number | null;
  province: string | null;
  objective: string | null;
}

export function applyFilters(items: DashboardAssignment[], f: DashboardFilters): DashboardAssignment[] {
  return items.filter(
    (a) =>
      (!f.edition || a.objective.edition === f.edition) &&
      (f.chapter === null || a.objective.lines.some((l) => l.chapter === f.chapter)) &&
      (!f.province || a.comune.provinceCode === f.province) &&
      (!f.objective || a.objective.id === f.objective),
  );
}

export type StatusCounts = Record<AssignmentStatus, number>;

export interface Figures {
  total: number;
  byStatus: StatusCounts;
  overdue: number;
  /** completed / (total - not applicable), 0..1 */
  completionRate: number;
}

export function figuresOf(items: DashboardAssignment[]): Figures {
  const byStatus: StatusCounts = {
    NOT_STARTED: 0,
    IN_PROGRESS: 0,
    SUBMITTED: 0,
    COMPLETED: 0,
    REJECTED: 0,
    NOT_APPLICABLE: 0,
  };
  let overdue = 0;
  for (const a of items) {
    byStatus[a.status]++;
    if (a.overdue) overdue++;
  }
  const applicable = items.length - byStatus.NOT_APPLICABLE;
  return {
    total: items.length,
    byStatus,
    overdue,
    completionRate: applicable > 0 ? byStatus.COMPLETED / applicable : 0,
  };
}

export const percent = (rate: number) => `${Math.round(rate * 1000) / 10}%`.replace('.', ',');

/** Completion of a set of assignments, for sorting the heatmap's rows and columns. */
export function completion(items: DashboardAssignment[]): number {
  return figuresOf(items).completionRate;
}
