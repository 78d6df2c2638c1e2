import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AccessScope, accessFor, CallerAccess, GrantedRole, isRole } from '@rtd/authz';
import type { SessionSettings } from '@rtd/kernel';
import { consortiaWithMembersIn } from '@rtd/tenancy';
import { IdentityRepository, MembershipRecord, Principal } from './identity.repository';
import { VerifiedIdentity } from './token-verifier';

/** The settings row-level security needs before anything else: who the token names. */
export function identitySettings(identity: VerifiedIdentity, requestId: string): SessionSettings {
  return {
    'app.subject': identity.subject,
    'app.request_id': requestId,
    'app.fiscal_code': identity.kind === 'person' ? identity.fiscalCode : '',
    'app.client_id': identity.kind === 'client' ? identity.clientId : '',
  };
}

/**
 * Turns a verified token into the caller's rights, inside the request's transaction: finds (or,
 * at first login, creates) the person or machine client, reads its active memberships, and
 * applies the tenant settings of row-level security.
 */
/** The roles active memberships grant, as the ability and row-level security read them. */
export function grantedRoles(rows: readonly MembershipRecord[]): GrantedRole[] {
  return rows
    .filter((row) => isRole(row.role))
    .map((row) => ({
      membershipId: row.id,
      role: row.role as GrantedRole['role'],
      consortiumId: row.consortiumId,
      comuneId: row.comuneId,
      regionCode: row.regionCode?.trim() ?? null,
    }));
}

@Injectable()
export class AccessLoader {
  constructor(private readonly identities: IdentityRepository) {}

  async load(
    db: EntityManager,
    identity: VerifiedIdentity,
    apply: (settings: SessionSettings) => Promise<void>,
  ): Promise<CallerAccess> {
    const { principal, displayName } = await this.principal(db, identity);
    const rows = await this.identities.activeMembershipsOf(db, principal);
    const grants = grantedRoles(rows);
    const personId = 'personId' in principal ? principal.personId : null;
    let scope = new AccessScope(personId, grants);
    await apply(scope.rlsSettings());
    if (scope.regions.size > 0) {
      // Consortia with members in the observer's regions are readable; finding them needs the
      // region setting just applied.
      scope = new AccessScope(personId, grants, await consortiaWithMembersIn(db, [...scope.regions]));
      await apply(scope.rlsSettings());
    }
    return accessFor(scope, displayName, principal);
  }

  /** First login creates the person or client; a person's names and e-mail follow the identity provider. */
  private async principal(
    db: EntityManager,
    identity: VerifiedIdentity,
  ): Promise<{ principal: Principal; displayName: string | null }> {
    if (identity.kind === 'client') {
      const client = await this.identities.findOrCreateClient(db, identity.clientId);
      return { principal: { machineClientId: client.id }, displayName: client.name ?? identity.clientId };
    }
    const person = await this.identities.signInPerson(db, identity);
    const displayName = [person.givenName, person.familyName].filter(Boolean).join(' ') || null;
    return { principal: { personId: person.id }, displayName };
  }
}
