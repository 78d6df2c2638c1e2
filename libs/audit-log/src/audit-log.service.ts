import { Injectable } from '@nestjs/common';
import { callerAccess, on } from '@rtd/authz';
import {
  badInput,
  decodeCursor,
  foldForSearch,
  forbidden,
  Page,
  PageArgs,
  pageSize,
  parseId,
  RequestContext,
  requestLoader,
  toPage,
} from '@rtd/kernel';
import { membershipHolderNames } from '@rtd/identity';
import { ComuneObject, TenancyService } from '@rtd/tenancy';
import { AuditLogRepository, AuditLogRow } from './audit-log.repository';
import { AuditEntryObject } from './dto/audit-entry.object';

/** The optional filters of `auditLog`, AND-ed. */
export interface AuditLogFilter {
  from?: string | null;
  to?: string | null;
  actor?: string | null;
  action?: string | null;
  comuneId?: string | null;
}

/** The shape every action is written in (see the audit_log CHECK constraint). */
const ACTION = /^[a-z]+(\.[a-zA-Z]+)+$/;
const MAX_ACTOR = 200;
const NUMERIC_ID = /^[1-9]\d{0,18}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const toAuditEntryObject = (row: AuditLogRow): AuditEntryObject => ({
  id: row.id,
  at: row.at,
  actor: row.actor,
  actorName: row.actorName,
  action: row.action,
  entityType: row.entityType,
  entityId: row.entityId,
  requestId: row.requestId,
  detailsJson: row.details ? JSON.stringify(row.details) : null,
  comuneId: row.comuneId,
});

/**
 * Reading the audit trail of a consortium (its RTD office and auditors): newest first, paged
 * by the entries' numeric ids, narrowed by day, actor, action and municipality.
 */
@Injectable()
export class AuditLogService {
  constructor(
    private readonly repository: AuditLogRepository,
    // Tenancy writes audit entries too: its module and ours refer to each other.
    private readonly tenancy: TenancyService,
  ) {}

  async page(
    ctx: RequestContext,
    consortiumId: string,
    filter: AuditLogFilter,
    args: PageArgs,
  ): Promise<Page<AuditEntryObject>> {
    const id = parseId('consortiumId', consortiumId);
    await this.tenancy.getConsortium(ctx, id);
    const { ability } = await callerAccess(ctx);
    if (!ability.can('read', on('AuditLog', { consortiumId: id }))) throw forbidden();
    const query = checkFilter(filter);
    const size = pageSize(args.first);
    const cursor = decodeCursor(args.after, ['text']);
    if (cursor && !NUMERIC_ID.test(cursor[0] as string)) throw badInput('after', 'cursore non valido');
    const { rows, total } = await this.repository.page(await ctx.db(), {
      consortiumId: id,
      ...query,
      limit: size + 1,
      beforeId: cursor ? (cursor[0] as string) : null,
    });
    return toPage(rows, size, total, (row) => [row.id], toAuditEntryObject);
  }

  /** The person a role change concerns, by name (batched per request); null for other entries. */
  subjectNameOf(ctx: RequestContext, entry: AuditEntryObject): Promise<string | null> | null {
    if (entry.entityType !== 'Membership' || !UUID.test(entry.entityId)) return null;
    return requestLoader(
      ctx,
      'auditLog.subjectName',
      async (db, ids: readonly string[]) =>
        new Map(
          (await membershipHolderNames(db, ids)).map((r): [string, string | null] => [
            r.membershipId,
            r.displayName,
          ]),
        ),
      null as string | null,
    ).load(entry.entityId);
  }

  /** The municipality the entry concerns, if any and if the caller may see it. */
  comuneOf(ctx: RequestContext, entry: AuditEntryObject): Promise<ComuneObject | null> | null {
    return entry.comuneId ? this.tenancy.findComune(ctx, entry.comuneId) : null;
  }
}

function checkFilter(filter: AuditLogFilter) {
  const from = filter.from ?? null;
  const to = filter.to ?? null;
  if (from !== null && to !== null && from > to) throw badInput('from', 'deve precedere "to" o coincidere');
  const actor = filter.actor != null ? foldForSearch(filter.actor) : '';
  if (actor.length > MAX_ACTOR) throw badInput('actor', `al massimo ${MAX_ACTOR} caratteri`);
  const action = filter.action?.trim() || null;
  if (action !== null && !ACTION.test(action)) {
    throw badInput('action', 'un\'azione come "membership.grant" o "objective.publish"');
  }
  return {
    from,
    to,
    actor: actor || null,
    action,
    comuneId: filter.comuneId ? parseId('comuneId', filter.comuneId) : null,
  };
}
