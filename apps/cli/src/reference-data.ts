import { BUILT_IN_EDITIONS, CatalogImportReport, importEdition, readEditionSource } from '@rtd/catalog';
import { importPnrrFunding, PnrrImportReport } from '@rtd/pnrr';
import { importMunicipalities, MunicipalityImportReport } from '@rtd/tenancy';
import { EntityManager } from 'typeorm';

export interface ReferenceDataReport {
  municipalities: MunicipalityImportReport;
  editions: CatalogImportReport[];
  pnrr: PnrrImportReport;
}

/**
 * Loaded by the CLI (db:setup, demo), the test template and the benchmark, as the owner.
 * ISTAT's municipalities, the three built-in catalogue editions and the PNRR funding (which
 * refers to both), in the caller's transaction.
 */
export async function loadReferenceData(db: EntityManager): Promise<ReferenceDataReport> {
  const municipalities = await importMunicipalities(db);
  const editions: CatalogImportReport[] = [];
  for (const edition of BUILT_IN_EDITIONS) {
    editions.push(await importEdition(db, readEditionSource(edition.code, edition.source)));
  }
  const pnrr = await importPnrrFunding(db);
  return { municipalities, editions, pnrr };
}
