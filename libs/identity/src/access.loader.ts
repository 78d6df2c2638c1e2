import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AccessScope, accessFor, CallerAccess, GrantedRole, isRole } from '@rtd/authz';
import type { SessionSettings } from '@rtd/kernel';
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

interface MembershipRow {
  id: string;
  role: string;
  consortium_id: string | null;
  comune_id: string | null;
  region_code: string | null;
}

/**
 * Turns a verified token into the caller's rights, inside the request's transaction: finds (or,
 * at first login, creates) the person or machine client, reads its active memberships, and
 * applies the tenant settings of row-level security.
 */
@Injectable()
export class AccessLoader {
  async load(
    db: EntityManager,
    identity: VerifiedIdentity,
    apply: (settings: SessionSettings) => Promise<void>,
  ): Promise<CallerAccess> {
    const { principalId, displayName } =
      identity.kind === 'person' ? await this.person(db, identity) : await this.client(db, identity.clientId);
    const column = identity.kind === 'person' ? 'person_id' : 'machine_client_id';
    const rows: MembershipRow[] = await db.query(
      `SELECT id, role, consortium_id, comune_id, region_code FROM membership
        WHERE ${column} = $1 AND revoked_at IS NULL ORDER BY granted_at, id`,
      [principalId],
    );
    const grants: GrantedRole[] = rows
      .filter((row) => isRole(row.role))
      .map((row) => ({
        membershipId: row.id,
        role: row.role as GrantedRole['role'],
        consortiumId: row.consortium_id,
        comuneId: row.comune_id,
        regionCode: row.region_code?.trim() ?? null,
      }));
    const personId = identity.kind === 'person' ? principalId : null;
    let scope = new AccessScope(personId, grants);
    await apply(scope.rlsSettings());
    if (scope.regions.size > 0) {
      // Consortia with members in the observer's regions are readable; finding them needs the
      // region setting just applied.
      const consortia: { consortium_id: string }[] = await db.query(
        `SELECT DISTINCT m.consortium_id FROM consortium_member m JOIN comune c ON c.id = m.comune_id
          WHERE c.region_code = ANY ($1::text[])`,
        [[...scope.regions]],
      );
      scope = new AccessScope(
        personId,
        grants,
        consortia.map((row) => row.consortium_id),
      );
      await apply(scope.rlsSettings());
    }
    const principal =
      identity.kind === 'person' ? { personId: principalId } : { machineClientId: principalId };
    return accessFor(scope, displayName, principal);
  }

  /** First login creates the person; names and e-mail follow the identity provider. */
  private async person(
    db: EntityManager,
    identity: Extract<VerifiedIdentity, { kind: 'person' }>,
  ): Promise<{ principalId: string; displayName: string | null }> {
    const [existing] = await db.query(
      `SELECT id, given_name, family_name, email, subject FROM person WHERE fiscal_code = $1`,
      [identity.fiscalCode],
    );
    const displayName = [identity.givenName, identity.familyName].filter(Boolean).join(' ') || null;
    if (!existing) {
      const [created] = await db.query(
        `INSERT INTO person (fiscal_code, subject, given_name, family_name, email, last_login_at)
         VALUES ($1, $2, $3, $4, $5, now())
         ON CONFLICT (fiscal_code) DO UPDATE SET last_login_at = now() RETURNING id`,
        [identity.fiscalCode, identity.subject, identity.givenName, identity.familyName, identity.email],
      );
      return { principalId: created.id, displayName };
    }
    const changed =
      existing.subject !== identity.subject ||
      (identity.givenName !== null && existing.given_name !== identity.givenName) ||
      (identity.familyName !== null && existing.family_name !== identity.familyName) ||
      (identity.email !== null && existing.email !== identity.email);
    if (changed) {
      await db.query(
        `UPDATE person SET subject = $2, given_name = coalesce($3, given_name),
           family_name = coalesce($4, family_name), email = coalesce($5, email), last_login_at = now()
         WHERE id = $1`,
        [existing.id, identity.subject, identity.givenName, identity.familyName, identity.email],
      );
    }
    const name = [identity.givenName ?? existing.given_name, identity.familyName ?? existing.family_name]
      .filter(Boolean)
      .join(' ');
    return { principalId: existing.id, displayName: name || null };
  }

  private async client(
    db: EntityManager,
    clientId: string,
  ): Promise<{ principalId: string; displayName: string | null }> {
    let [row] = await db.query(`SELECT id, name FROM machine_client WHERE client_id = $1`, [clientId]);
    if (!row) {
      [row] = await db.query(
        `INSERT INTO machine_client (client_id) VALUES ($1)
         ON CONFLICT (client_id) DO NOTHING RETURNING id, name`,
        [clientId],
      );
      row ??= (await db.query(`SELECT id, name FROM machine_client WHERE client_id = $1`, [clientId]))[0];
    }
    return { principalId: row.id, displayName: row.name ?? clientId };
  }
}
