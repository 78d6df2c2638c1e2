import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { callerAccess } from '@rtd/authz';
import { actorSubject, RequestContext } from '@rtd/kernel';

export interface AuditRecord {
  /** "consortium.create", "membership.grant", "objective.publish", ... */
  action: string;
  entityType: string;
  entityId: string;
  consortiumId: string | null;
  comuneId?: string | null;
  details?: Record<string, unknown>;
}

/**
 * The append-only audit log (art. 18-bis CAD vigilance): who did what to which entity, when,
 * in which request. Always written with the manager of the state change it records, so both
 * commit or neither does.
 */
@Injectable()
export class AuditTrail {
  async record(db: EntityManager, ctx: RequestContext, entry: AuditRecord): Promise<void> {
    const personId = (await callerAccess(ctx)).scope.personId;
    await db.query(
      `INSERT INTO audit_log (consortium_id, comune_id, actor_subject, actor_person_id, action, entity_type,
                              entity_id, request_id, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        entry.consortiumId,
        entry.comuneId ?? null,
        actorSubject(ctx.actor),
        personId,
        entry.action,
        entry.entityType,
        entry.entityId,
        ctx.requestId,
        JSON.stringify(entry.details ?? {}),
      ],
    );
  }
}
