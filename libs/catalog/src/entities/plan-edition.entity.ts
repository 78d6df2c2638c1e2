import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('plan_edition')
export class PlanEditionEntity {
  @PrimaryColumn('text')
  code: string;

  @Column('text')
  title: string;

  @Column({ name: 'imported_at', type: 'timestamptz', default: () => 'now()' })
  importedAt: Date;
}
