import { assignLocalLines } from '@rtd/catalog';
import { ensureMembership, upsertMachineClient, upsertPerson } from '@rtd/identity';
import { DEMO_CLIENTS, DEMO_CONSORTIA, DEMO_PEOPLE, DemoGrant } from './demo-identities';
import { comuniByIstatCodes, ensureConsortium } from '@rtd/tenancy';
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
  const consortiumIds = new Map<string, string>();
  for (const consortium of DEMO_CONSORTIA) {
    const row = await ensureConsortium(db, consortium.name, consortium.comuneIstatCodes, SEEDED_BY);
    if (row.missing.length > 0)
      throw new Error(
        `Comuni mancanti nel registro ISTAT: ${row.missing.join(', ')} (caricare prima i comuni)`,
      );
    consortiumIds.set(consortium.key, row.id);
  }

  const owner = consortiumIds.get(LOCAL_LINES.consortium);
  if (owner) await assignLocalLines(db, LOCAL_LINES.edition, owner);

  const comuneIds = new Map(
    (
      await comuniByIstatCodes(
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
    const personId = await upsertPerson(db, person);
    for (const grant of person.grants) {
      await ensureMembership(db, { personId }, grant.role, scopeOf(grant), SEEDED_BY);
      memberships += 1;
    }
  }
  for (const client of DEMO_CLIENTS) {
    const machineClientId = await upsertMachineClient(db, client.clientId, client.name);
    for (const grant of client.grants) {
      await ensureMembership(db, { machineClientId }, grant.role, scopeOf(grant), SEEDED_BY);
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
