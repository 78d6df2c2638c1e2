import { buildAbility, on } from './ability.factory';
import { AccessScope } from './access-scope';
import { Role } from './roles';

/** One role held in one scope, as stored (the membership row). */
export interface HeldRole {
  role: Role;
  consortiumId: string | null;
  comuneId: string | null;
  regionCode: string | null;
}

/**
 * What one membership lets its holder do, asked of the ability factory with that membership
 * alone (the person acts in one role at a time). The web app shows its pages and controls from
 * these answers and keeps no copy of the permission matrix; each page's data is still checked by
 * the server when asked for.
 */
export interface MembershipAbilities {
  /** Reads the activities of its comune (referent, delegate: those delegated to them, viewer). */
  readsComuneActivities: boolean;
  /** Imports the statuses of its comune from a monitoring sheet (the referent). */
  importsComuneStatuses: boolean;
  /** Reads the consortium's dashboard, objectives, review queue and people (the office). */
  readsConsortium: boolean;
  /** Writes objectives, reviews reports, edits the consortium's Piano (RTD and staff). */
  managesConsortium: boolean;
  /** Grants and revokes the roles of the consortium and its comuni (the RTD). */
  grantsConsortiumRoles: boolean;
  /** Reads the consortium's audit log (RTD and auditor). */
  readsAuditLog: boolean;
  /** Records values of the Piano's indicators (the office for the consortium, the referent for its comune). */
  recordsIndicators: boolean;
  /** Reads the region's aggregates (the regional observer). */
  readsRegion: boolean;
  /** Creates consortia and names their RTD (the operator). */
  createsConsortia: boolean;
}

export function membershipAbilities(held: HeldRole, personId: string | null): MembershipAbilities {
  const ability = buildAbility(new AccessScope(personId, [{ membershipId: 'held', ...held }]));
  // '' matches no id: a comune's question never reaches the office's rules, nor the reverse.
  const consortiumId = held.consortiumId ?? '';
  const comuneId = held.comuneId ?? '';
  const inComune = !!held.comuneId;
  const inConsortium = !!held.consortiumId && !inComune;
  return {
    readsComuneActivities:
      inComune &&
      ability.can('read', on('Assignment', { consortiumId: '', comuneId, delegatePersonId: personId })),
    importsComuneStatuses:
      inComune && ability.can('import', on('StatusImport', { consortiumId: '', comuneId })),
    readsConsortium:
      inConsortium && ability.can('summarize', on('Compliance', { consortiumId, regionCode: null })),
    managesConsortium:
      inConsortium &&
      ability.can(
        'create',
        on('SharedObjective', { consortiumId, assignedComuneIds: [], delegatePersonIds: [] }),
      ) &&
      ability.can('review', on('Assignment', { consortiumId, comuneId: '', delegatePersonId: null })),
    grantsConsortiumRoles:
      inConsortium &&
      ability.can(
        'grant',
        on('Membership', {
          role: 'COMUNE_REFERENT',
          consortiumId,
          comuneId: null,
          regionCode: null,
          grantee: 'person',
        }),
      ),
    readsAuditLog: inConsortium && ability.can('read', on('AuditLog', { consortiumId })),
    recordsIndicators:
      (inConsortium || inComune) &&
      ability.can(
        'report',
        on('PianoIndicatorValue', {
          consortiumId: inComune ? '' : consortiumId,
          comuneId: inComune ? comuneId : null,
        }),
      ),
    readsRegion:
      !!held.regionCode &&
      ability.can('summarize', on('Compliance', { consortiumId: null, regionCode: held.regionCode })),
    createsConsortia: ability.can('create', 'Consortium'),
  };
}
