import { EntityManager } from 'typeorm';
import { mailAddress } from './mail-address';
import {
  IdentityRepository,
  MembershipRecord,
  MembershipScope,
  PersonInput,
  Principal,
} from './identity.repository';

/**
 * The identity domain's answers about people for other domains (people and memberships are its
 * tables): names for histories, the delegate of a municipality, who to write to.
 */

/**
 * Display names ("given family", null when neither is known) of these people; null too for one
 * the caller may not read by name (a stranger they enrolled: app_people_named).
 */
export async function personDisplayNames(
  db: EntityManager,
  ids: readonly string[],
): Promise<{ id: string; displayName: string | null }[]> {
  return db.query(
    `SELECT p.id, CASE WHEN n.id IS NOT NULL
                       THEN nullif(trim(concat_ws(' ', p.given_name, p.family_name)), '') END AS "displayName"
       FROM person p LEFT JOIN app_people_named($1::uuid[]) n(id) ON n.id = p.id
      WHERE p.id = ANY($1::uuid[])`,
    [ids],
  );
}

/**
 * The person holding each of these memberships (revoked ones too), by display name: null for a
 * machine client, a person with no name, or one the caller may not read by name (app_people_named).
 * The registro names whom a role was granted to or revoked from (issue 23, point 8).
 */
export async function membershipHolderNames(
  db: EntityManager,
  membershipIds: readonly string[],
): Promise<{ membershipId: string; displayName: string | null }[]> {
  return db.query(
    `SELECT m.id AS "membershipId",
            CASE WHEN n.id IS NOT NULL
                 THEN nullif(trim(concat_ws(' ', p.given_name, p.family_name)), '') END AS "displayName"
       FROM membership m
       JOIN person p ON p.id = m.person_id
       LEFT JOIN app_people_named(ARRAY(SELECT person_id FROM membership WHERE id = ANY($1::uuid[])
                                          AND person_id IS NOT NULL)) n(id) ON n.id = p.id
      WHERE m.id = ANY($1::uuid[])`,
    [membershipIds],
  );
}

/** The person, if it holds an active COMUNE_DELEGATE membership for this municipality. */
export async function activeDelegateOf(
  db: EntityManager,
  fiscalCode: string,
  comuneId: string,
): Promise<string | null> {
  const [row] = await db.query(
    `SELECT p.id FROM person p JOIN membership m ON m.person_id = p.id
      WHERE p.fiscal_code = $1 AND m.role = 'COMUNE_DELEGATE' AND m.comune_id = $2 AND m.revoked_at IS NULL`,
    [fiscalCode, comuneId],
  );
  return row?.id ?? null;
}

export interface MailRecipient {
  personId: string;
  email: string;
  name: string;
}

/**
 * The people with an e-mail address who hold one of `roles` (in the municipality and/or
 * consortium given), plus `extraPersonId`; named by their name, else their address.
 */
export async function mailRecipients(
  db: EntityManager,
  who: { roles: string[]; comuneId?: string; consortiumId?: string; extraPersonId?: string | null },
): Promise<MailRecipient[]> {
  const rows: { id: string; email: string | null; name: string | null }[] = await db.query(
    `SELECT DISTINCT p.id, p.email, nullif(trim(concat_ws(' ', p.given_name, p.family_name)), '') AS name
       FROM person p
      WHERE p.email IS NOT NULL AND (
            p.id IN (SELECT person_id FROM membership WHERE revoked_at IS NULL AND role = ANY($1)
                      AND ($2::uuid IS NULL OR comune_id = $2) AND ($3::uuid IS NULL OR consortium_id = $3))
            OR p.id = $4::uuid)
      ORDER BY p.id`,
    [who.roles, who.comuneId ?? null, who.consortiumId ?? null, who.extraPersonId ?? null],
  );
  // Only addresses mail servers take: one stored before addresses were checked may be anything.
  return rows.flatMap((row) => {
    const email = mailAddress(row.email);
    return email ? [{ personId: row.id, email, name: row.name ?? email }] : [];
  });
}

/** The people holding one of `roles` in each of `comuneIds` (active roles, usable addresses), by comune. */
export async function mailRecipientsByComune(
  db: EntityManager,
  roles: string[],
  comuneIds: readonly string[],
): Promise<Map<string, MailRecipient[]>> {
  const rows: { comune_id: string; id: string; email: string | null; name: string | null }[] = await db.query(
    `SELECT DISTINCT m.comune_id, p.id, p.email, nullif(trim(concat_ws(' ', p.given_name, p.family_name)), '') AS name
       FROM membership m JOIN person p ON p.id = m.person_id
      WHERE m.revoked_at IS NULL AND m.role = ANY($1) AND m.comune_id = ANY($2::uuid[]) AND p.email IS NOT NULL
      ORDER BY m.comune_id, p.id`,
    [roles, comuneIds],
  );
  const byComune = new Map<string, MailRecipient[]>();
  for (const row of rows) {
    const email = mailAddress(row.email);
    if (!email) continue;
    byComune.set(row.comune_id, [
      ...(byComune.get(row.comune_id) ?? []),
      { personId: row.id, email, name: row.name ?? email },
    ]);
  }
  return byComune;
}

const repository = new IdentityRepository();

/** The active memberships of a person or machine client: a job rebuilding its requester's rights. */
export function activeMembershipsOf(db: EntityManager, principal: Principal): Promise<MembershipRecord[]> {
  return repository.activeMembershipsOf(db, principal);
}

/** For seeds and commands: the person with this fiscal code, created or updated; their id. */
export function upsertPerson(db: EntityManager, person: PersonInput): Promise<string> {
  return repository.upsertPerson(db, person);
}

/** For seeds and commands: the machine client with this client id, created or renamed; its id. */
export function upsertMachineClient(
  db: EntityManager,
  clientId: string,
  name: string | null,
): Promise<string> {
  return repository.upsertMachineClient(db, clientId, name);
}

/** For seeds and commands: an active membership with this role and scope, granted if missing; its id. */
export function ensureMembership(
  db: EntityManager,
  principal: Principal,
  role: string,
  scope: MembershipScope,
  grantedBy: string,
): Promise<string> {
  return repository.ensureMembership(db, principal, role, scope, grantedBy);
}
