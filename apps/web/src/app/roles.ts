import type { SessionMembership } from '../features/session/session';
import { NAV_LABEL } from '../lib/i18n';

/**
 * What the active membership may do comes from the server (`Membership.abilities`, answered by the
 * ability factory in libs/authz): this file holds no rule of its own, only which page and which
 * links show each ability.
 */
export type Abilities = SessionMembership['abilities'];

const NONE: Abilities = {
  readsComuneActivities: false,
  importsComuneStatuses: false,
  readsConsortium: false,
  managesConsortium: false,
  grantsConsortiumRoles: false,
  readsAuditLog: false,
  recordsIndicators: false,
  readsRegion: false,
  createsConsortia: false,
};

/** The abilities of the membership the person acts in (none when there is none). */
export const abilitiesOf = (m: SessionMembership | null): Abilities => m?.abilities ?? NONE;

/** The comune's pages need the comune; the office's the consortium; the observer's the region. */
export const isComuneRole = (m: SessionMembership | null) =>
  !!m?.comune && abilitiesOf(m).readsComuneActivities;
export const isOfficeRole = (m: SessionMembership | null) =>
  !!m?.consortium && abilitiesOf(m).readsConsortium;
export const isOfficeWriter = (m: SessionMembership | null) =>
  isOfficeRole(m) && abilitiesOf(m).managesConsortium;
export const isObserver = (m: SessionMembership | null) => !!m?.regionCode && abilitiesOf(m).readsRegion;
export const isOperator = (m: SessionMembership | null) => abilitiesOf(m).createsConsortia;

/** The page a role lands on after login. */
export function homeOf(m: SessionMembership | null): string {
  if (isComuneRole(m)) return '/comune';
  if (isOfficeRole(m)) return '/cruscotto';
  if (isObserver(m)) return '/regione';
  if (isOperator(m)) return '/consorzi';
  return '/benvenuto';
}

const link = (to: keyof typeof NAV_LABEL) => ({ to, label: NAV_LABEL[to] });

export function navigationFor(m: SessionMembership | null): { to: string; label: string }[] {
  if (isComuneRole(m)) return [link('/comune'), link('/piano')];
  if (isOfficeRole(m)) {
    const links = [
      link('/cruscotto'),
      link('/da-validare'),
      link('/obiettivi'),
      link('/piano'),
      link('/piano-consorzio'),
      link('/persone'),
    ];
    if (abilitiesOf(m).readsAuditLog) links.push(link('/registro'));
    return links;
  }
  if (isObserver(m)) return [link('/regione'), link('/piano')];
  if (isOperator(m)) return [link('/consorzi'), link('/piano')];
  return [];
}
