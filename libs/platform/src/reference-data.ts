import { BUILT_IN_EDITIONS, CatalogImportReport, importEdition, readEditionSource } from '@rtd/catalog';
import { importMunicipalities, MunicipalityImportReport } from '@rtd/tenancy';
import { EntityManager } from 'typeorm';

export interface ReferenceDataReport {
  municipalities: MunicipalityImportReport;
  editions: CatalogImportReport[];
}

/** ISTAT's municipalities and the three built-in catalogue editions, in the caller's transaction. */
export async function loadReferenceData(db: EntityManager): Promise<ReferenceDataReport> {
  const municipalities = await importMunicipalities(db);
  const editions: CatalogImportReport[] = [];
  for (const edition of BUILT_IN_EDITIONS) {
    editions.push(await importEdition(db, readEditionSource(edition.code, edition.source)));
  }
  return { municipalities, editions };
}
