import { fiscalCodeProblem, IdentityRepository, normalizeFiscalCode } from '@rtd/identity';
import { AppConfig } from '@rtd/kernel';
import { summarisePnrrImport } from '@rtd/pnrr';
import { describePopulationImport } from '@rtd/tenancy';
import { loadReferenceData } from '../reference-data';
import { withOwner } from './database.commands';

/*
 * What a new installation needs after db:setup (docs/operations.md, "Deployment"): the reference
 * data every tenant reads, and its first operator, who then names the consortia and their RTD
 * through the API.
 */

/** ISTAT's municipalities, the built-in catalogue editions and the PNRR funding; safe to run again. */
export async function loadReference(config: AppConfig): Promise<string> {
  return withOwner(config, (owner) =>
    owner.transaction(async (db) => {
      const { municipalities, population, editions, pnrr } = await loadReferenceData(db);
      return [
        `Comuni ISTAT: ${municipalities.total} (nuovi ${municipalities.added}, aggiornati ${municipalities.changed})`,
        describePopulationImport(population),
        `Edizioni del Piano Triennale: ${editions.length}`,
        summarisePnrrImport(pnrr),
      ].join('\n');
    }),
  );
}

/** The service's operator (PLATFORM_ADMIN): the person with this fiscal code, created if new. */
export async function grantOperator(config: AppConfig, raw: string): Promise<string> {
  const fiscalCode = normalizeFiscalCode(raw);
  if (fiscalCodeProblem(fiscalCode) !== null) throw new Error(`codice fiscale non valido: "${raw}"`);
  const identity = new IdentityRepository();
  return withOwner(config, (owner) =>
    owner.transaction(async (db) => {
      const personId = await identity.upsertPerson(db, {
        fiscalCode,
        givenName: null,
        familyName: null,
        email: null,
      });
      const id = await identity.ensureMembership(
        db,
        { personId },
        'PLATFORM_ADMIN',
        { consortiumId: null, comuneId: null, regionCode: null },
        'cli:operator:grant',
      );
      return `Operatore del servizio: ${fiscalCode} (ruolo ${id})`;
    }),
  );
}
