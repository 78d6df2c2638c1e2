import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Where } from '@rtd/kernel';

export interface AuditLogQuery {
  consortiumId: string;
  /** First and last day, inclusive, as calendar days in Europe/Rome (`YYYY-MM-DD`). */
  from: string | null;
  to: string | null;
  /** Already folded (lower case, no accents): matched inside the actor's subject or name. */
  actor: string | null;
  action: string | null;
  comuneId: string | null;
  limit: number;
  /** The numeric id of the last entry of the previous page: the next page starts below it. */
  beforeId: string | null;
}

export interface AuditLogRow {
  id: string;
  at: Date;
  actor: string;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string;
  requestId: string | null;
  comuneId: string | null;
  details: Record<string, unknown> | null;
}

/** The same folding as foldForSearch (kernel), in SQL: lower case, no accents, straight apostrophes. */
const ACCENTED = 'àáâäãåèéêëìíîïòóôöõùúûüýÿçñÀÁÂÄÃÅÈÉÊËÌÍÎÏÒÓÔÖÕÙÚÛÜÝÇÑ’‘`´';
const PLAIN = 'aaaaaaeeeeiiiiooooouuuuyycnAAAAAAEEEEIIIIOOOOOUUUUYCN' + "''''";
const fold = (sql: string) => `lower(translate(${sql}, '${ACCENTED}', '${PLAIN.replace(/'/g, "''")}'))`;

const PERSON_NAME = `nullif(trim(concat_ws(' ', p.given_name, p.family_name)), '')`;

/** The audit trail's reads: one consortium's entries, newest first, by numeric id. */
@Injectable()
export class AuditLogRepository {
  async page(db: EntityManager, q: AuditLogQuery): Promise<{ rows: AuditLogRow[]; total: number }> {
    const where = new Where();
    where.and(`a.consortium_id = ${where.param(q.consortiumId)}::uuid`);
    if (q.from) where.and(`a.at >= (${where.param(q.from)}::date::timestamp AT TIME ZONE 'Europe/Rome')`);
    if (q.to) where.and(`a.at < ((${where.param(q.to)}::date + 1)::timestamp AT TIME ZONE 'Europe/Rome')`);
    if (q.action) where.and(`a.action = ${where.param(q.action)}`);
    if (q.comuneId) where.and(`a.comune_id = ${where.param(q.comuneId)}::uuid`);
    if (q.actor) {
      const pattern = where.param(`%${q.actor.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.and(`(${fold('a.actor_subject')} LIKE ${pattern}
        OR ${fold(`concat_ws(' ', p.given_name, p.family_name)`)} LIKE ${pattern}
        OR ${fold(`concat_ws(' ', p.family_name, p.given_name)`)} LIKE ${pattern})`);
    }
    const filterParams = [...where.params];
    const page = new Where(filterParams).and(where.toString());
    if (q.beforeId) page.and(`a.id < ${page.param(q.beforeId)}::bigint`);
    // Qualified a.id: an output column named "id" (the text form) would otherwise be what ORDER BY sorts.
    const rows: AuditLogRow[] = await db.query(
      `SELECT a.id::text AS id, a.at, a.actor_subject AS actor, ${PERSON_NAME} AS "actorName", a.action,
              a.entity_type AS "entityType", a.entity_id AS "entityId", a.request_id AS "requestId",
              a.comune_id AS "comuneId", a.details
         FROM audit_log a LEFT JOIN person p ON p.id = a.actor_person_id
        WHERE ${page} ORDER BY a.id DESC LIMIT ${q.limit}`,
      page.params,
    );
    const people = q.actor ? 'LEFT JOIN person p ON p.id = a.actor_person_id' : '';
    const [{ total }] = await db.query(
      `SELECT count(*)::int AS total FROM audit_log a ${people} WHERE ${where}`,
      filterParams,
    );
    return { rows, total };
  }
}
