import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@rtd/audit';
import { authorize, authorizeKind, callerAccess, on } from '@rtd/authz';
import {
  actorSubject,
  badInput,
  conflict,
  decodeCursor,
  echo,
  echoList,
  groupBy,
  masculine,
  notFound,
  Page,
  PageArgs,
  pageSize,
  parseId,
  RequestContext,
  requestLoader,
  rowsByIdLoader,
  toPage,
} from '@rtd/kernel';
import { ComuneObject } from './dto/comune.object';
import { ConsortiumObject } from './dto/consortium.object';
import { toComuneObject, toConsortiumObject } from './dto/tenancy.mappers';
import { ComuneRow } from './tenancy.rows';
import { MemberRow, TenancyRepository } from './tenancy.repository';

const ISTAT_CODE = /^\d{6}$/;

export interface CreateConsortiumArgs {
  name: string;
  comuneIstatCodes: string[];
}

const MAX_MEMBERS = 10_000;

/** Municipalities and consortia: reading them (batched per request) and founding consortia. */
@Injectable()
export class TenancyService {
  constructor(
    private readonly repository: TenancyRepository,
    private readonly audit: AuditTrail,
  ) {}

  /** The consortia the caller may see: the same sets the ability uses, applied in SQL. */
  async listConsortia(ctx: RequestContext): Promise<ConsortiumObject[]> {
    const { scope } = await callerAccess(ctx);
    const ids = scope.platformAdmin ? null : [...scope.readableConsortia];
    if (ids && ids.length === 0) return [];
    const rows = await this.repository.listConsortia(await ctx.db(), ids);
    return rows.map(toConsortiumObject);
  }

  async getConsortium(ctx: RequestContext, id: string): Promise<ConsortiumObject> {
    const consortiumId = parseId('id', id);
    authorize(
      (await callerAccess(ctx)).ability,
      'read',
      'Consortium',
      { id: consortiumId },
      masculine('Consorzio'),
    );
    const row = await this.consortiumLoader(ctx).load(consortiumId);
    if (!row) throw notFound(masculine('Consorzio'));
    return toConsortiumObject(row);
  }

  async getComune(ctx: RequestContext, id: string): Promise<ComuneObject> {
    const row = await this.comuneLoader(ctx).load(parseId('id', id));
    return this.visibleComune(ctx, row);
  }

  /** "Lombardia" for "03" (null when no comune of the region is visible). */
  async regionName(ctx: RequestContext, regionCode: string): Promise<string | null> {
    return this.repository.regionName(await ctx.db(), regionCode);
  }

  async getComuneByIstatCode(ctx: RequestContext, istatCode: string): Promise<ComuneObject> {
    if (!ISTAT_CODE.test(istatCode))
      throw badInput('istatCode', 'il codice ISTAT è di 6 cifre, ad esempio "019035"');
    const [row] = await this.repository.comuniByIstatCodes(await ctx.db(), [istatCode]);
    return this.visibleComune(ctx, row ?? null);
  }

  /** The municipal register is public, but this service shows a caller only the municipalities of its tenants. */
  private async visibleComune(ctx: RequestContext, row: ComuneRow | null): Promise<ComuneObject> {
    if (!row) throw notFound(masculine('Comune'));
    const consortiumId = await this.consortiumIdLoader(ctx).load(row.id);
    authorize(
      (await callerAccess(ctx)).ability,
      'read',
      'Comune',
      { id: row.id, consortiumId, regionCode: row.regionCode },
      masculine('Comune'),
    );
    return toComuneObject(row);
  }

  async createConsortium(ctx: RequestContext, args: CreateConsortiumArgs): Promise<ConsortiumObject> {
    authorizeKind((await callerAccess(ctx)).ability, 'create', 'Consortium');
    const name = args.name.trim().replace(/\s+/g, ' ');
    if (name.length < 3 || name.length > 200) throw badInput('name', 'da 3 a 200 caratteri');
    const codes = [...new Set(args.comuneIstatCodes.map((code) => code.trim()))];
    if (codes.length > MAX_MEMBERS) throw badInput('comuneIstatCodes', `al massimo ${MAX_MEMBERS} comuni`);
    const malformed = codes.find((code) => !ISTAT_CODE.test(code));
    if (malformed !== undefined) {
      throw badInput('comuneIstatCodes', `«${echo(malformed)}» non è un codice ISTAT di 6 cifre`);
    }
    return ctx.atomically(async (db) => {
      const comuni = await this.repository.comuniByIstatCodes(db, codes);
      const known = new Set(comuni.map((c) => c.istatCode));
      const unknown = codes.filter((code) => !known.has(code));
      if (unknown.length > 0) {
        throw badInput('comuneIstatCodes', `codici ISTAT inesistenti: ${echoList(unknown)}`);
      }
      if ((await this.repository.consortiaByNames(db, [name])).length > 0) {
        throw conflict(`Esiste già un consorzio di nome «${echo(name)}»`);
      }
      const ids = comuni.map((c) => c.id);
      const taken = await this.repository.membersElsewhere(db, null, ids);
      if (taken.length > 0) {
        throw conflict(
          `Un comune appartiene al più a un consorzio: ${taken
            .map((t) => `${t.istatCode} (già in "${t.consortiumName}")`)
            .join(', ')}`,
        );
      }
      const consortium = await this.repository.insertConsortium(db, name, actorSubject(ctx.actor));
      await this.repository.addMembers(db, consortium.id, ids);
      await this.audit.record(db, ctx, {
        action: 'consortium.create',
        entityType: 'Consortium',
        entityId: consortium.id,
        consortiumId: consortium.id,
        details: { name, comuneIstatCodes: codes },
      });
      return toConsortiumObject(consortium);
    });
  }

  /** The consortium a municipality belongs to, or null (none, or not visible to the caller). */
  async consortiumOfComune(ctx: RequestContext, comuneId: string): Promise<ConsortiumObject | null> {
    const consortiumId = await this.consortiumIdLoader(ctx).load(comuneId);
    if (!consortiumId) return null;
    if (!(await callerAccess(ctx)).ability.can('read', on('Consortium', { id: consortiumId }))) return null;
    const row = await this.consortiumLoader(ctx).load(consortiumId);
    return row ? toConsortiumObject(row) : null;
  }

  memberCount(ctx: RequestContext, consortiumId: string): Promise<number> {
    return requestLoader(
      ctx,
      'tenancy.memberCount',
      (db, ids: readonly string[]) => this.repository.memberCounts(db, ids),
      0,
    ).load(consortiumId);
  }

  async members(ctx: RequestContext, consortiumId: string, args: PageArgs): Promise<Page<ComuneObject>> {
    const size = pageSize(args.first);
    const cursor = decodeCursor(args.after, ['text', 'text']);
    const after = cursor ? { name: cursor[0] as string, istatCode: cursor[1] as string } : null;
    // One loader per (page size, cursor): sibling consortia asked with the same arguments share one query.
    const loader = requestLoader(
      ctx,
      `tenancy.members:${size}:${args.after ?? ''}`,
      async (db, ids: readonly string[]) =>
        groupBy(
          await this.repository.membersPage(db, { consortiumIds: ids, limit: size + 1, after }),
          (row: MemberRow) => row.consortiumId,
        ),
      [] as MemberRow[],
    );
    const [rows, total] = await Promise.all([loader.load(consortiumId), this.memberCount(ctx, consortiumId)]);
    return toPage(rows, size, total, (row) => [row.name, row.istatCode], toComuneObject);
  }

  /** The ISTAT codes of a consortium's members, for a caller who may read the consortium. */
  /** The members (id, ISTAT code, name) by name, for whoever may read the consortium. */
  async memberMunicipalities(
    ctx: RequestContext,
    consortiumId: string,
  ): Promise<{ id: string; istatCode: string; name: string }[]> {
    await this.getConsortium(ctx, consortiumId);
    return this.repository.memberMunicipalities(await ctx.db(), consortiumId);
  }

  async memberIstatCodes(ctx: RequestContext, consortiumId: string): Promise<string[]> {
    await this.getConsortium(ctx, consortiumId);
    return this.repository.memberIstatCodes(await ctx.db(), consortiumId);
  }

  /** The consortium, or null when it does not exist or the caller may not see it. */
  async findConsortium(ctx: RequestContext, id: string): Promise<ConsortiumObject | null> {
    if (!(await callerAccess(ctx)).ability.can('read', on('Consortium', { id }))) return null;
    const row = await this.consortiumLoader(ctx).load(id);
    return row ? toConsortiumObject(row) : null;
  }

  /** The municipality, or null when it does not exist or the caller may not see it. */
  async findComune(ctx: RequestContext, id: string): Promise<ComuneObject | null> {
    return this.getComune(ctx, id).catch(() => null);
  }

  /** The consortium a municipality belongs to (null: none, or one the caller may not see). */
  consortiumIdOf(ctx: RequestContext, comuneId: string): Promise<string | null> {
    return this.consortiumIdLoader(ctx).load(comuneId);
  }

  async regionComuneCount(ctx: RequestContext, regionCode: string): Promise<number> {
    return this.repository.regionComuneCount(await ctx.db(), regionCode);
  }

  async regionExists(ctx: RequestContext, regionCode: string): Promise<boolean> {
    return this.repository.regionExists(await ctx.db(), regionCode);
  }

  private consortiumIdLoader(ctx: RequestContext) {
    return requestLoader(
      ctx,
      'tenancy.consortiumIdOfComune',
      (db, ids: readonly string[]) => this.repository.consortiumIdsOfComuni(db, ids),
      null as string | null,
    );
  }

  private consortiumLoader(ctx: RequestContext) {
    return rowsByIdLoader(ctx, 'tenancy.consortium', (db, ids) => this.repository.consortiaByIds(db, ids));
  }

  private comuneLoader(ctx: RequestContext) {
    return rowsByIdLoader(ctx, 'tenancy.comune', (db, ids) => this.repository.comuniByIds(db, ids));
  }
}
