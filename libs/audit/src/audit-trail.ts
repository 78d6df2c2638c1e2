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
    const { sql, params } = (await this.prepare(ctx, entry)).insertFrom(null, 1);
    await db.query(sql, params);
  }

  /**
   * The entry, ready to be written by the statement of the change it records (see
   * PreparedAuditEntry.insertFrom): one statement instead of two, where a change is hot.
   */
  async prepare(ctx: RequestContext, entry: AuditRecord): Promise<PreparedAuditEntry> {
    const personId = (await callerAccess(ctx)).scope.personId;
    const params = [
      entry.consortiumId,
      entry.comuneId ?? null,
      actorSubject(ctx.actor),
      personId,
      entry.action,
      entry.entityType,
      entry.entityId,
      ctx.requestId,
      JSON.stringify(entry.details ?? {}),
    ];
    return {
      insertFrom: (source, first) => ({
        sql: `${AUDIT_INSERT} SELECT ${placeholders(first)}${source ? ` FROM ${source}` : ''}`,
        params,
      }),
    };
  }
}

/** Part of another library's statement, with its parameters (numbered as that statement says). */
export interface StatementPart {
  sql: string;
  params: unknown[];
}

export interface PreparedAuditEntry {
  /**
   * `INSERT INTO audit_log ... SELECT ... FROM source`, as a CTE of the statement that writes the
   * change: `source` names that statement's CTE of the changed row, so the entry is written if
   * and only if the change was (a lost version race writes neither). Parameters from `$first`.
   * Without a source, the entry on its own (AuditTrail.record).
   */
  insertFrom(source: string | null, first: number): StatementPart;
}

const AUDIT_INSERT = `INSERT INTO audit_log (consortium_id, comune_id, actor_subject, actor_person_id, action,
                       entity_type, entity_id, request_id, details)`;
const AUDIT_TYPES = ['uuid', 'uuid', 'text', 'uuid', 'text', 'text', 'text', 'text', 'jsonb'];

function placeholders(first: number): string {
  return AUDIT_TYPES.map((type, i) => `$${first + i}::${type}`).join(', ');
}
