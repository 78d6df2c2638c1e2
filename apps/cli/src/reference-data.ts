import { builtInEditions, CatalogImportReport, importEdition, readEditionFromPath } from '@rtd/catalog';
import { importPnrrFunding, PnrrImportReport } from '@rtd/pnrr';
import {
  importMunicipalities,
  importPopulation,
  MunicipalityImportReport,
  PopulationImportReport,
} from '@rtd/tenancy';
import { EntityManager } from 'typeorm';

export interface ReferenceDataReport {
  municipalities: MunicipalityImportReport;
  population: PopulationImportReport;
  editions: CatalogImportReport[];
  pnrr: PnrrImportReport;
}

/**
 * Loaded by the CLI (db:setup, demo), the test template and the benchmark, as the owner.
 * ISTAT's municipalities and their population at 1 January 2021, every built-in catalogue
 * edition (libs/catalog/data/editions, each after the one it supersedes) and the PNRR funding
 * (which refers to both), in the caller's transaction.
 */
export async function loadReferenceData(db: EntityManager): Promise<ReferenceDataReport> {
  const municipalities = await importMunicipalities(db);
  const population = await importPopulation(db);
  const editions: CatalogImportReport[] = [];
  for (const edition of builtInEditions()) {
    editions.push(await importEdition(db, await readEditionFromPath(edition.dir, null)));
  }
  const pnrr = await importPnrrFunding(db);
  return { municipalities, population, editions, pnrr };
}
