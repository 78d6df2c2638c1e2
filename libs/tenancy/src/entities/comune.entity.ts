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

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
