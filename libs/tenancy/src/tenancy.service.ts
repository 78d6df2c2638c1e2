import { Injectable } from '@nestjs/common';
import {
  badInput,
  decodeCursor,
  groupBy,
  indexBy,
  notFound,
  Page,
  PageArgs,
  pageSize,
  parseId,
  RequestContext,
  requestLoader,
  toPage,
} from '@rtd/kernel';
import { ComuneObject } from './dto/comune.object';
import { ConsortiumObject } from './dto/consortium.object';
import { toComuneObject, toConsortiumObject } from './dto/tenancy.mappers';
import { ComuneEntity } from './entities/comune.entity';
import { ConsortiumEntity } from './entities/consortium.entity';
import { MemberRow, TenancyRepository } from './tenancy.repository';

const ISTAT_CODE = /^\d{6}$/;

/** Reading municipalities and consortia; every relation is batched per request. */
@Injectable()
export class TenancyService {
  constructor(private readonly repository: TenancyRepository) {}

  async listConsortia(ctx: RequestContext): Promise<ConsortiumObject[]> {
    const rows = await this.repository.listConsortia(await ctx.db());
    return rows.map(toConsortiumObject);
  }

  async getConsortium(ctx: RequestContext, id: string): Promise<ConsortiumObject> {
    const row = await this.consortiumLoader(ctx).load(parseId('id', id));
    if (!row) throw notFound('Consorzio');
    return toConsortiumObject(row);
  }

  async getComune(ctx: RequestContext, id: string): Promise<ComuneObject> {
    const row = await this.comuneLoader(ctx).load(parseId('id', id));
    if (!row) throw notFound('Comune');
    return toComuneObject(row);
  }

  async getComuneByIstatCode(ctx: RequestContext, istatCode: string): Promise<ComuneObject> {
    if (!ISTAT_CODE.test(istatCode))
      throw badInput('istatCode', 'il codice ISTAT è di 6 cifre, ad esempio "019035"');
    const [row] = await this.repository.comuniByIstatCodes(await ctx.db(), [istatCode]);
    if (!row) throw notFound('Comune');
    return toComuneObject(row);
  }

  /** The consortium a municipality belongs to, or null (none, or not visible to the caller). */
  async consortiumOfComune(ctx: RequestContext, comuneId: string): Promise<ConsortiumObject | null> {
    const consortiumId = await requestLoader(
      ctx,
      'tenancy.consortiumIdOfComune',
      (db, ids: readonly string[]) => this.repository.consortiumIdsOfComuni(db, ids),
      null as string | null,
    ).load(comuneId);
    if (!consortiumId) return null;
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
    const cursor = decodeCursor(args.after, ['string', 'string']);
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

  private consortiumLoader(ctx: RequestContext) {
    return requestLoader(
      ctx,
      'tenancy.consortium',
      async (db, ids: readonly string[]) =>
        indexBy(await this.repository.consortiaByIds(db, ids), (r) => r.id),
      null as ConsortiumEntity | null,
    );
  }

  private comuneLoader(ctx: RequestContext) {
    return requestLoader(
      ctx,
      'tenancy.comune',
      async (db, ids: readonly string[]) => indexBy(await this.repository.comuniByIds(db, ids), (r) => r.id),
      null as ComuneEntity | null,
    );
  }
}
