import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

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

/** People, machine clients and the memberships that give them roles. */
@Injectable()
export class IdentityRepository {
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
