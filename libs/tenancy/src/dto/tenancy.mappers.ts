import { ComuneEntity } from '../entities/comune.entity';
import { ConsortiumEntity } from '../entities/consortium.entity';
import { ComuneObject } from './comune.object';
import { ConsortiumObject } from './consortium.object';

export const toComuneObject = (row: ComuneEntity): ComuneObject => ({
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

export const toConsortiumObject = (row: ConsortiumEntity): ConsortiumObject => ({
  id: row.id,
  name: row.name,
});
