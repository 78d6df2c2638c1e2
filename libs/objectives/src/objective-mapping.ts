import { ObjectiveRow, PushRunRow } from './objectives.repository';
import { ObjectiveState, PushRunObject, PushState, SharedObjectiveObject } from './dto/objective.types';

/** Rows of objectives and push runs as GraphQL objects. */

export const toObjectiveObject = (row: ObjectiveRow): SharedObjectiveObject => ({
  id: row.id,
  consortiumId: row.consortiumId,
  title: row.title,
  description: row.description,
  edition: row.editionCode,
  dueDate: row.dueDate,
  state: row.state as ObjectiveState,
  version: row.version,
  target: row.target,
  createdAt: row.createdAt,
  publishedAt: row.publishedAt,
  closedAt: row.closedAt ?? null,
  carriedFromId: row.carriedFromId ?? null,
});

export const toPushRunObject = (row: PushRunRow): PushRunObject => ({
  id: row.id,
  objectiveId: row.objectiveId,
  state: row.state as PushState,
  targeted: row.targeted,
  created: row.created,
  skipped: row.skipped,
  startedAt: row.startedAt,
  finishedAt: row.finishedAt,
});
