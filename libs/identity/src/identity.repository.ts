import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { PersonRecord } from './personal-data';

export interface PersonInput {
  fiscalCode: string;
  givenName: string | null;
  familyName: string | null;
  email: string | null;
}

export type Principal = { personId: string } | { machineClientId: string };

export interface MembershipScope {
  consortiumId: string | null;
  comuneId: string | null;
  regionCode: string | null;
}

export interface MembershipRecord {
  id: string;
  role: string;
  consortiumId: string | null;
  comuneId: string | null;
  regionCode: string | null;
  grantedAt: Date;
  revokedAt: Date | null;
  personId: string | null;
}

export interface PersonProfileRecord {
  id: string;
  fiscalCode: string;
  givenName: string | null;
  familyName: string | null;
  email: string | null;
}

const MEMBERSHIP_COLUMNS = `m.id, m.role, m.consortium_id AS "consortiumId", m.comune_id AS "comuneId",
  trim(m.region_code) AS "regionCode", m.granted_at AS "grantedAt", m.revoked_at AS "revokedAt",
  m.person_id AS "personId"`;

/** The order of the permission matrix, for listings. */
const ROLE_ORDER = [
  'PLATFORM_ADMIN',
  'CONSORTIUM_RTD',
  'CONSORTIUM_STAFF',
  'AUDITOR',
  'COMUNE_REFERENT',
  'COMUNE_DELEGATE',
  'COMUNE_VIEWER',
  'REGIONAL_OBSERVER',
];

/** People, machine clients and the memberships that give them roles. */
@Injectable()
export class IdentityRepository {
  /** A person as the operator's data request sees it (libs/identity/src/personal-data.ts), or null. */
  async personRecordByFiscalCode(db: EntityManager, fiscalCode: string): Promise<PersonRecord | null> {
    const [row] = await db.query(
      `SELECT p.id, trim(p.fiscal_code) AS "fiscalCode", p.subject, p.given_name AS "givenName",
              p.family_name AS "familyName", p.email, p.created_at AS "createdAt",
              p.last_login_at AS "lastLoginAt", p.pseudonym, p.pseudonymised_at AS "pseudonymisedAt"
         FROM person p WHERE p.fiscal_code = $1`,
      [fiscalCode],
    );
    return row ?? null;
  }

  /**
   * The person with this fiscal code, created (with the name and e-mail given, if any) when new;
   * an existing person's data are theirs to update, at login. Only the id comes back: a person
   * outside the caller's tenants becomes readable once granted a role there (app_enrol_person,
   * migrations/1764000009000-signed-tenant-context.ts).
   */
  async findOrCreatePerson(
    db: EntityManager,
    fiscalCode: string,
    profile: { givenName: string | null; familyName: string | null; email: string | null } = {
      givenName: null,
      familyName: null,
      email: null,
    },
  ): Promise<string> {
    const [row] = await db.query(`SELECT app_enrol_person($1, $2, $3, $4) AS id`, [
      fiscalCode,
      profile.givenName,
      profile.familyName,
      profile.email,
    ]);
    return row.id;
  }

  /**
   * The one lookup of a machine client by its client id, created when new (first token, or first
   * grant): read first, so a known client is never inserted again; a concurrent first use that
   * wins the insert is read back.
   */
  async findOrCreateClient(
    db: EntityManager,
    clientId: string,
  ): Promise<{ id: string; name: string | null }> {
    const byClientId = async () =>
      (await db.query(`SELECT id, name FROM machine_client WHERE client_id = $1`, [clientId]))[0];
    const existing = await byClientId();
    if (existing) return existing;
    const [created] = await db.query(
      `INSERT INTO machine_client (client_id) VALUES ($1) ON CONFLICT (client_id) DO NOTHING RETURNING id, name`,
      [clientId],
    );
    return created ?? (await byClientId());
  }

  /**
   * The person signing in with this fiscal code, created at first login; subject, names and
   * e-mail follow the identity provider (a null name or e-mail keeps the stored one).
   */
  async signInPerson(
    db: EntityManager,
    identity: {
      fiscalCode: string;
      subject: string;
      givenName: string | null;
      familyName: string | null;
      email: string | null;
    },
  ): Promise<{ id: string; givenName: string | null; familyName: string | null }> {
    const [existing] = await db.query(
      `SELECT id, given_name, family_name, email, subject FROM person WHERE fiscal_code = $1`,
      [identity.fiscalCode],
    );
    if (!existing) {
      const [created] = await db.query(
        `INSERT INTO person (fiscal_code, subject, given_name, family_name, email, last_login_at)
         VALUES ($1, $2, $3, $4, $5, now())
         ON CONFLICT (fiscal_code) DO UPDATE SET last_login_at = now() RETURNING id`,
        [identity.fiscalCode, identity.subject, identity.givenName, identity.familyName, identity.email],
      );
      return { id: created.id, givenName: identity.givenName, familyName: identity.familyName };
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
    return {
      id: existing.id,
      givenName: identity.givenName ?? existing.given_name,
      familyName: identity.familyName ?? existing.family_name,
    };
  }

  async membershipById(db: EntityManager, id: string): Promise<MembershipRecord | null> {
    const [row] = await db.query(`SELECT ${MEMBERSHIP_COLUMNS} FROM membership m WHERE m.id = $1`, [id]);
    return row ?? null;
  }

  /** The active memberships of people scoped to a municipality, oldest first. */
  async activeMembershipsOfComune(db: EntityManager, comuneId: string): Promise<MembershipRecord[]> {
    return db.query(
      `SELECT ${MEMBERSHIP_COLUMNS} FROM membership m
        WHERE m.comune_id = $1 AND m.person_id IS NOT NULL AND m.revoked_at IS NULL
        ORDER BY m.granted_at, m.id`,
      [comuneId],
    );
  }

  /**
   * Every active membership in a consortium: its office's roles and those of its municipalities
   * (granted with the municipality's consortium). Office roles first, then by municipality and role.
   */
  async activeMembershipsOfConsortium(db: EntityManager, consortiumId: string): Promise<MembershipRecord[]> {
    return db.query(
      `SELECT ${MEMBERSHIP_COLUMNS} FROM membership m LEFT JOIN comune c ON c.id = m.comune_id
        WHERE m.consortium_id = $1 AND m.revoked_at IS NULL
        ORDER BY c.name NULLS FIRST, c.istat_code,
                 array_position($2::text[], m.role), m.granted_at, m.id`,
      [consortiumId, ROLE_ORDER],
    );
  }

  async peopleByIds(db: EntityManager, ids: readonly string[]): Promise<PersonProfileRecord[]> {
    return db.query(
      `SELECT id, fiscal_code AS "fiscalCode", given_name AS "givenName", family_name AS "familyName", email
         FROM person WHERE id = ANY ($1::uuid[])`,
      [ids],
    );
  }

  async activeMembershipsOf(db: EntityManager, principal: Principal): Promise<MembershipRecord[]> {
    const [column, id] =
      'personId' in principal
        ? ['person_id', principal.personId]
        : ['machine_client_id', principal.machineClientId];
    return db.query(
      `SELECT ${MEMBERSHIP_COLUMNS} FROM membership m
        WHERE m.${column} = $1 AND m.revoked_at IS NULL ORDER BY m.granted_at, m.id`,
      [id],
    );
  }

  async revokeMembership(db: EntityManager, id: string, revokedBy: string): Promise<void> {
    await db.query(
      `UPDATE membership SET revoked_at = now(), revoked_by = $2 WHERE id = $1 AND revoked_at IS NULL`,
      [id, revokedBy],
    );
  }

  /** Creates the person, or fills in names and e-mail that were not known yet. */
  async upsertPerson(db: EntityManager, person: PersonInput): Promise<string> {
    const [row] = await db.query(
      `INSERT INTO person (fiscal_code, given_name, family_name, email) VALUES ($1, $2, $3, $4)
       ON CONFLICT (fiscal_code) DO UPDATE SET
         given_name = coalesce(excluded.given_name, person.given_name),
         family_name = coalesce(excluded.family_name, person.family_name),
         email = coalesce(excluded.email, person.email)
       RETURNING id`,
      [person.fiscalCode, person.givenName, person.familyName, person.email],
    );
    return row.id;
  }

  async upsertMachineClient(db: EntityManager, clientId: string, name: string | null): Promise<string> {
    const [row] = await db.query(
      `INSERT INTO machine_client (client_id, name) VALUES ($1, $2)
       ON CONFLICT (client_id) DO UPDATE SET name = coalesce(excluded.name, machine_client.name)
       RETURNING id`,
      [clientId, name],
    );
    return row.id;
  }

  /** Grants the role unless the same active membership exists; returns its id either way. */
  async ensureMembership(
    db: EntityManager,
    principal: Principal,
    role: string,
    scope: MembershipScope,
    grantedBy: string,
  ): Promise<string> {
    const personId = 'personId' in principal ? principal.personId : null;
    const clientId = 'machineClientId' in principal ? principal.machineClientId : null;
    const existing = await db.query(
      `SELECT id FROM membership
        WHERE revoked_at IS NULL AND role = $1
          AND person_id IS NOT DISTINCT FROM $2::uuid AND machine_client_id IS NOT DISTINCT FROM $3::uuid
          AND consortium_id IS NOT DISTINCT FROM $4::uuid AND comune_id IS NOT DISTINCT FROM $5::uuid
          AND region_code IS NOT DISTINCT FROM $6::char(2)`,
      [role, personId, clientId, scope.consortiumId, scope.comuneId, scope.regionCode],
    );
    if (existing.length > 0) return existing[0].id;
    const [row] = await db.query(
      `INSERT INTO membership (person_id, machine_client_id, role, consortium_id, comune_id, region_code, granted_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [personId, clientId, role, scope.consortiumId, scope.comuneId, scope.regionCode, grantedBy],
    );
    return row.id;
  }
}
