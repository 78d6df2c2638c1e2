/**
 * The rows of the tenancy tables as the repository reads them (column aliases in camelCase).
 * Plain types: the tables are made by migrations and read with SQL, so nothing maps them.
 */

/** A municipality of the ISTAT register (`comune`). */
export interface ComuneRow {
  id: string;
  istatCode: string;
  name: string;
  provinceCode: string;
  provinceName: string;
  provinceAbbreviation: string;
  regionCode: string;
  regionName: string;
  cadastralCode: string;
  population: number;
  /** The day the population counts (ISTAT: 1 January 2021; the 2011 census where nothing later exists). */
  populationDate: string;
  populationSource: string;
  /** Capital of a metropolitan city (data/istat/citta-metropolitane.json). */
  metropolitanCapital: boolean;
  updatedAt: Date;
}

/** An associated office (`consortium`). A municipality belongs to at most one (`consortium_member`). */
export interface ConsortiumRow {
  id: string;
  name: string;
  createdAt: Date;
  createdBy: string;
}
