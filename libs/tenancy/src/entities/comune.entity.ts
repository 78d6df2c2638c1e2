import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('comune')
export class ComuneEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'istat_code', type: 'char', length: 6, unique: true })
  istatCode: string;

  @Column('text')
  name: string;

  @Column({ name: 'province_code', type: 'char', length: 3 })
  provinceCode: string;

  @Column({ name: 'province_name', type: 'text' })
  provinceName: string;

  @Column({ name: 'province_abbreviation', type: 'varchar', length: 2 })
  provinceAbbreviation: string;

  @Column({ name: 'region_code', type: 'char', length: 2 })
  regionCode: string;

  @Column({ name: 'region_name', type: 'text' })
  regionName: string;

  @Column({ name: 'cadastral_code', type: 'char', length: 4 })
  cadastralCode: string;

  @Column('integer')
  population: number;

  /** The day the population counts (ISTAT: 1 January 2021; the 2011 census where nothing later exists). */
  @Column({ name: 'population_date', type: 'date' })
  populationDate: string;

  @Column({ name: 'population_source', type: 'text' })
  populationSource: string;

  /** Capital of a metropolitan city (data/istat/citta-metropolitane.json). */
  @Column({ name: 'metropolitan_capital', type: 'boolean', default: false })
  metropolitanCapital: boolean;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
