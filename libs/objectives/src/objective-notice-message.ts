import type { EntityManager } from 'typeorm';
import type { Outbox } from '@rtd/outbox';

/**
 * What the objectives domain puts in the outbox for the mailer (issue 22); the notifications
 * domain reads it, so the dependency stays one way. The topic is the notifications queue's name.
 */
export const OBJECTIVE_NOTICE_TOPIC = 'notifications';

/** A push run has finished creating its assignments: each comune's people are told of theirs. */
export type PublishedMessage = {
  kind: 'published';
  pushRunId: string;
  objectiveId: string;
  consortiumId: string;
};

/** The office changed the due date of a published objective, or closed it. */
export type ObjectiveChangedMessage = {
  kind: 'objective-changed';
  change: 'due-date' | 'closed';
  objectiveId: string;
  version: number;
  consortiumId: string;
};

export type ObjectiveNoticeMessage = PublishedMessage | ObjectiveChangedMessage;

/** The comuni's people are told of a new due date or a closure, through the outbox, in `db`'s transaction. */
export async function addObjectiveNotice(
  outbox: Outbox,
  db: EntityManager,
  row: { id: string; version: number; consortiumId: string },
  change: ObjectiveChangedMessage['change'],
): Promise<void> {
  const message: ObjectiveChangedMessage = {
    kind: 'objective-changed',
    change,
    objectiveId: row.id,
    version: row.version,
    consortiumId: row.consortiumId,
  };
  await outbox.add(db, {
    topic: OBJECTIVE_NOTICE_TOPIC,
    payload: message,
    consortiumId: row.consortiumId,
    dedupeKey: `mail:objective:${change}:${row.id}:v${row.version}`,
  });
}
