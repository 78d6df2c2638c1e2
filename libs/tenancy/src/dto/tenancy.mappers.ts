import { ComuneRow, ConsortiumRow } from '../tenancy.rows';
import { ComuneObject } from './comune.object';
import { ConsortiumObject } from './consortium.object';

export const toComuneObject = (row: ComuneRow): ComuneObject => ({
  id: row.id,
  istatCode: row.istatCode,
  name: row.name,
  provinceCode: row.provinceCode,
  provinceName: row.provinceName,
  regionCode: row.regionCode,
  regionName: row.regionName,
  population: row.population,
  populationDate: row.populationDate,
  populationSource: row.populationSource,
  metropolitanCapital: row.metropolitanCapital,
});

export const toConsortiumObject = (row: ConsortiumRow): ConsortiumObject => ({
  id: row.id,
  name: row.name,
});
