import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A municipality belongs to at most one consortium: the municipality is the key. */
@Entity('consortium_member')
export class ConsortiumMemberEntity {
  @PrimaryColumn({ name: 'comune_id', type: 'uuid' })
  comuneId: string;

  @Column({ name: 'consortium_id', type: 'uuid' })
  consortiumId: string;

  @Column({ name: 'joined_at', type: 'timestamptz', default: () => 'now()' })
  joinedAt: Date;
}
