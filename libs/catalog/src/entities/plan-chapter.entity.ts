import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('plan_chapter')
export class PlanChapterEntity {
  @PrimaryColumn({ name: 'edition_code', type: 'text' })
  editionCode: string;

  @PrimaryColumn('smallint')
  number: number;

  @Column('text')
  title: string;
}
