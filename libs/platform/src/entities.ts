import { PlanChapterEntity, PlanEditionEntity, PlanLineEntity } from '@rtd/catalog';
import { ComuneEntity, ConsortiumEntity, ConsortiumMemberEntity } from '@rtd/tenancy';

/** Every TypeORM entity of the product (migration:generate diffs them against the database). */
export const ALL_ENTITIES = [
  ComuneEntity,
  ConsortiumEntity,
  ConsortiumMemberEntity,
  PlanEditionEntity,
  PlanChapterEntity,
  PlanLineEntity,
];
