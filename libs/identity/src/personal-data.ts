import { EntityManager } from 'typeorm';
import { IdentityRepository } from './identity.repository';

/*
 * Identity's part of a data request (GDPR art. 15-17, 20; libs/privacy): the person and their
 * roles, read as the operator (row-level security lets the platform admin read people and
 * memberships), and their pseudonymisation (migrations/1764000101000-personal-data.ts).
 */

export interface PersonRecord {
  id: string;
  fiscalCode: string;
  subject: string | null;
  givenName: string | null;
  familyName: string | null;
  email: string | null;
  createdAt: Date;
  lastLoginAt: Date | null;
  pseudonym: string | null;
  pseudonymisedAt: Date | null;
}

export interface MembershipHistoryRecord {
  id: string;
  role: string;
  consortiumId: string | null;
  comuneId: string | null;
  regionCode: string | null;
  grantedAt: Date;
  grantedBy: string;
  revokedAt: Date | null;
  revokedBy: string | null;
}

/** The person with this fiscal code (as the operator reads it), or null. */
export function personByFiscalCode(db: EntityManager, fiscalCode: string): Promise<PersonRecord | null> {
  return new IdentityRepository().personRecordByFiscalCode(db, fiscalCode);
}

/** Every role the person holds or held, oldest first. */
export async function membershipHistoryOf(
  db: EntityManager,
  personId: string,
): Promise<MembershipHistoryRecord[]> {
  return db.query(
    `SELECT id, role, consortium_id AS "consortiumId", comune_id AS "comuneId", region_code AS "regionCode",
            granted_at AS "grantedAt", granted_by AS "grantedBy", revoked_at AS "revokedAt", revoked_by AS "revokedBy"
       FROM membership WHERE person_id = $1 ORDER BY granted_at, id`,
    [personId],
  );
}

/**
 * The stand-in fiscal code of a pseudonymised person: `0000` and the pseudonym's 12 hex digits.
 * No fiscal code begins with a digit, so it is never a real person's, and it stays unique.
 */
export function pseudonymousFiscalCode(pseudonym: string): string {
  return `0000${pseudonym.slice('pseudonimo-'.length).toUpperCase()}`;
}

/**
 * Ends the person's roles (revoked by the operator), names the pseudonym in the grants and
 * revocations they made, and clears their name, e-mail and subject, their fiscal code replaced
 * (within the data request of the transaction). Returns the roles revoked.
 */
export async function pseudonymisePerson(db: EntityManager, pseudonym: string): Promise<number> {
  const [row] = await db.query(`SELECT app_pseudonymise_identity($1, $2) AS n`, [
    pseudonym,
    pseudonymousFiscalCode(pseudonym),
  ]);
  return Number(row.n);
}
