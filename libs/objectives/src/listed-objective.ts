import { authorize, CallerAccess } from '@rtd/authz';
import { LineRow, toPlanLineObject } from '@rtd/catalog';
import type { PlanLineObject } from '@rtd/catalog';
import { masculine, prefetch } from '@rtd/kernel';
import { SharedObjectiveObject } from './dto/objective.types';
import { toObjectiveObject } from './objective-mapping';
import { ObjectiveReach, ObjectiveRow } from './objectives.repository';

/** An objective's row without the long columns a list may leave out (description, target). */
export type ListedObjectiveRow = Omit<ObjectiveRow, 'description' | 'target'> &
  Partial<Pick<ObjectiveRow, 'description' | 'target'>>;

/** A line's row as a list may read it: every column, or only those of a short PlanLineObject. */
export type ListedLineRow = LineRow | Pick<LineRow, 'id' | 'editionCode' | 'code' | 'chapter' | 'isLocal'>;

/**
 * An objective that another library's list read in its own statement (the worklist: with its
 * reach among the caller's municipalities and its lines), as ObjectivesService.get would answer
 * it: the same ability check on the same reach, NOT_FOUND if the caller may not read it. `full`:
 * the row and the lines hold every column; else only the short ones, enough for the fields the
 * document asks (the list's SQL knows which), and the GraphQL object holds only those. `lines`
 * null: not read, the field resolves as usual. Synchronous: no promise per row.
 */
export function listedObjective(
  access: CallerAccess,
  row: ListedObjectiveRow,
  reach: ObjectiveReach,
  lines: readonly ListedLineRow[] | null,
  full: boolean,
): SharedObjectiveObject {
  const comuni = access.scope.readableComuni.size + access.scope.delegateComuni.size;
  const subject = comuni === 0 ? { comuneIds: [], delegatePersonIds: [] } : reach;
  authorize(
    access.ability,
    'read',
    'SharedObjective',
    {
      consortiumId: row.consortiumId,
      assignedComuneIds: subject.comuneIds,
      delegatePersonIds: subject.delegatePersonIds,
    },
    masculine('Obiettivo'),
  );
  const object = toObjectiveObject(row as ObjectiveRow);
  if (!lines) return object;
  const answer = full
    ? (lines as LineRow[]).map(toPlanLineObject)
    : lines.map(
        (line): PlanLineObject =>
          ({
            id: line.id,
            edition: line.editionCode,
            code: line.code,
            chapter: line.chapter,
            local: line.isLocal,
          }) as PlanLineObject,
      );
  return prefetch(object, { lines: () => answer });
}
