import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('plan_edition')
export class PlanEditionEntity {
  @PrimaryColumn('text')
  code: string;

  @Column('text')
  title: string;

  @Column({ name: 'imported_at', type: 'timestamptz', default: () => 'now()' })
  importedAt: Date;

  @Column({ name: 'period_from', type: 'smallint' })
  periodFrom: number;

  @Column({ name: 'period_to', type: 'smallint' })
  periodTo: number;

  /** The edition this one replaces: an edition some other supersedes is SUPERSEDED. */
  @Column({ type: 'text', nullable: true })
  supersedes: string | null;

  @Column({ name: 'source_format', type: 'text' })
  sourceFormat: 'rst' | 'jsonl';

  @Column({ name: 'source_description', type: 'text' })
  sourceDescription: string;

  @Column({ name: 'source_url', type: 'text', nullable: true })
  sourceUrl: string | null;

  @Column({ name: 'source_revision', type: 'text', nullable: true })
  sourceRevision: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
