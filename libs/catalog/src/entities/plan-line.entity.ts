import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

import type { BodyKind, ComuniScope, LineDeadline } from '../facts/facts.types';
import type { DeadlineKind, TextCorrection } from '../parsing/catalog.types';

@Entity('plan_line')
export class PlanLineEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'edition_code', type: 'text' })
  editionCode: string;

  @Column('text')
  code: string;

  @Column('smallint')
  chapter: number;

  @Column({ name: 'objective_codes', type: 'text', array: true, default: () => "'{}'" })
  objectiveCodes: string[];

  @Column('text')
  text: string;

  @Column({ name: 'deadline_kind', type: 'text' })
  deadlineKind: DeadlineKind;

  @Column({ type: 'date', nullable: true })
  deadline: string | null;

  @Column({ name: 'min_population', type: 'integer', nullable: true })
  minPopulation: number | null;

  @Column({ name: 'max_population', type: 'integer', nullable: true })
  maxPopulation: number | null;

  /** The words as the source prints them (after corrections): date, qualifiers, text. */
  @Column('text')
  printed: string;

  /** Every deadline the rules read (libs/catalog/src/facts/deadline.rules.ts). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  deadlines: LineDeadline[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  bodies: BodyKind[];

  @Column({ name: 'comuni_scope', type: 'text', default: 'ALL' })
  comuniScope: ComuniScope;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  conditions: string[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  corrections: TextCorrection[];

  @Column({ name: 'source_file', type: 'text', nullable: true })
  sourceFile: string | null;

  @Column({ name: 'source_line', type: 'integer', nullable: true })
  sourceLine: number | null;

  @Column({ name: 'is_local', type: 'boolean', default: false })
  isLocal: boolean;

  /** The consortium a local line belongs to (row-level security: only its people read it). */
  @Column({ name: 'owner_consortium_id', type: 'uuid', nullable: true })
  ownerConsortiumId: string | null;

  /** Code and text folded for accent- and case-insensitive search (see foldForSearch). */
  @Column({ name: 'search_text', type: 'text' })
  searchText: string;
}
