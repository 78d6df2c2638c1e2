import type { Role } from '../gql/graphql';
import type { SessionMembership } from '../features/session/session';

const COMUNE_ROLES: Role[] = ['COMUNE_REFERENT', 'COMUNE_DELEGATE', 'COMUNE_VIEWER'];
const OFFICE_ROLES: Role[] = ['CONSORTIUM_RTD', 'CONSORTIUM_STAFF', 'AUDITOR'];

export const isComuneRole = (m: SessionMembership | null) =>
  !!m && COMUNE_ROLES.includes(m.role) && !!m.comune;
export const isOfficeRole = (m: SessionMembership | null) =>
  !!m && OFFICE_ROLES.includes(m.role) && !!m.consortium;

/** The page a role lands on after login. */
export function homeOf(m: SessionMembership | null): string {
  if (isComuneRole(m)) return '/comune';
  if (isOfficeRole(m)) return '/da-validare';
  return '/benvenuto';
}

export function navigationFor(m: SessionMembership | null): { to: string; label: string }[] {
  if (isComuneRole(m)) return [{ to: '/comune', label: 'Le attività del Comune' }];
  if (isOfficeRole(m)) return [{ to: '/da-validare', label: 'Da validare' }];
  return [];
}
