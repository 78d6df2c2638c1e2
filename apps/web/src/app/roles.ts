import type { Role } from '../gql/graphql';
import type { SessionMembership } from '../features/session/session';

const COMUNE_ROLES: Role[] = ['COMUNE_REFERENT', 'COMUNE_DELEGATE', 'COMUNE_VIEWER'];
const OFFICE_ROLES: Role[] = ['CONSORTIUM_RTD', 'CONSORTIUM_STAFF', 'AUDITOR'];

export const isComuneRole = (m: SessionMembership | null) =>
  !!m && COMUNE_ROLES.includes(m.role) && !!m.comune;
export const isOfficeRole = (m: SessionMembership | null) =>
  !!m && OFFICE_ROLES.includes(m.role) && !!m.consortium;
/** RTD and staff run the office's work; the auditor only reads. */
export const isOfficeWriter = (m: SessionMembership | null) =>
  isOfficeRole(m) && (m!.role === 'CONSORTIUM_RTD' || m!.role === 'CONSORTIUM_STAFF');
export const isObserver = (m: SessionMembership | null) =>
  !!m && m.role === 'REGIONAL_OBSERVER' && !!m.regionCode;
export const isOperator = (m: SessionMembership | null) => !!m && m.role === 'PLATFORM_ADMIN';

/** The page a role lands on after login. */
export function homeOf(m: SessionMembership | null): string {
  if (isComuneRole(m)) return '/comune';
  if (isOfficeRole(m)) return '/cruscotto';
  if (isObserver(m)) return '/regione';
  if (isOperator(m)) return '/consorzi';
  return '/benvenuto';
}

export function navigationFor(m: SessionMembership | null): { to: string; label: string }[] {
  if (isComuneRole(m))
    return [
      { to: '/comune', label: 'Le attività del Comune' },
      { to: '/piano', label: 'Piano Triennale' },
    ];
  if (isOfficeRole(m)) {
    const links = [
      { to: '/cruscotto', label: 'Cruscotto' },
      { to: '/da-validare', label: 'Da validare' },
      { to: '/obiettivi', label: 'Obiettivi condivisi' },
      { to: '/piano', label: 'Piano Triennale' },
      { to: '/piano-consorzio', label: 'Il Piano del consorzio' },
      { to: '/persone', label: 'Referenti e ruoli' },
    ];
    if (m!.role === 'CONSORTIUM_RTD' || m!.role === 'AUDITOR')
      links.push({ to: '/registro', label: 'Registro delle attività' });
    return links;
  }
  if (isObserver(m))
    return [
      { to: '/regione', label: 'La Regione' },
      { to: '/piano', label: 'Piano Triennale' },
    ];
  if (isOperator(m))
    return [
      { to: '/consorzi', label: 'Consorzi' },
      { to: '/piano', label: 'Piano Triennale' },
    ];
  return [];
}
