import { assignLocalLines } from '@rtd/catalog';
import { IdentityRepository } from '@rtd/identity';
import { DEMO_CLIENTS, DEMO_CONSORTIA, DEMO_PEOPLE, DemoGrant } from './demo-identities';
import { TenancyRepository } from '@rtd/tenancy';
import { EntityManager } from 'typeorm';

const SEEDED_BY = 'seed:demo';

/** The 2022-2024 local lines (LOC.CAPn.nn) come from the Crema office's plan (seed 003): consortium A's. */
const LOCAL_LINES = { edition: '2022-2024', consortium: 'A' } as const;

export interface DemoTenantsReport {
  consortia: number;
  people: number;
  clients: number;
  memberships: number;
}

/**
 * Provides exactly the tenants, people, machine clients and roles of
 * shared/contract/demo-identities.md. Idempotent: a second run finds everything in place
 * and changes nothing.
 */
export async function seedDemoTenants(db: EntityManager): Promise<DemoTenantsReport> {
  const tenancy = new TenancyRepository();
  const identity = new IdentityRepository();

  const consortiumIds = new Map<string, string>();
  for (const consortium of DEMO_CONSORTIA) {
    const [existing] = await tenancy.consortiaByNames(db, [consortium.name]);
    const row = existing ?? (await tenancy.insertConsortium(db, consortium.name, SEEDED_BY));
    const comuni = await tenancy.comuniByIstatCodes(db, consortium.comuneIstatCodes);
    if (comuni.length !== consortium.comuneIstatCodes.length) {
      const found = new Set(comuni.map((c) => c.istatCode));
      const missing = consortium.comuneIstatCodes.filter((code) => !found.has(code));
      throw new Error(`Comuni mancanti nel registro ISTAT: ${missing.join(', ')} (caricare prima i comuni)`);
    }
    await tenancy.addMembers(
      db,
      row.id,
      comuni.map((c) => c.id),
    );
    consortiumIds.set(consortium.key, row.id);
  }

  const owner = consortiumIds.get(LOCAL_LINES.consortium);
  if (owner) await assignLocalLines(db, LOCAL_LINES.edition, owner);

  const comuneIds = new Map(
    (
      await tenancy.comuniByIstatCodes(
        db,
        DEMO_CONSORTIA.flatMap((c) => c.comuneIstatCodes),
      )
    ).map((c) => [c.istatCode, c.id]),
  );
  const scopeOf = (grant: DemoGrant) => {
    const comuneId = grant.comuneIstatCode ? (comuneIds.get(grant.comuneIstatCode) ?? null) : null;
    const consortiumKey =
      grant.consortium ??
      (grant.comuneIstatCode
        ? DEMO_CONSORTIA.find((c) => c.comuneIstatCodes.includes(grant.comuneIstatCode as string))?.key
        : undefined);
    return {
      consortiumId: consortiumKey ? (consortiumIds.get(consortiumKey) ?? null) : null,
      comuneId,
      regionCode: grant.regionCode ?? null,
    };
  };

  let memberships = 0;
  for (const person of DEMO_PEOPLE) {
    const personId = await identity.upsertPerson(db, person);
    for (const grant of person.grants) {
      await identity.ensureMembership(db, { personId }, grant.role, scopeOf(grant), SEEDED_BY);
      memberships += 1;
    }
  }
  for (const client of DEMO_CLIENTS) {
    const machineClientId = await identity.upsertMachineClient(db, client.clientId, client.name);
    for (const grant of client.grants) {
      await identity.ensureMembership(db, { machineClientId }, grant.role, scopeOf(grant), SEEDED_BY);
      memberships += 1;
    }
  }
  return {
    consortia: DEMO_CONSORTIA.length,
    people: DEMO_PEOPLE.length,
    clients: DEMO_CLIENTS.length,
    memberships,
  };
}
