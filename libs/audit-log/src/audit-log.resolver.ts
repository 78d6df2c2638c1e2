import { Args, ID, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, DateScalar, Page, RequestContext } from '@rtd/kernel';
import { ComuneObject } from '@rtd/tenancy';
import { AuditLogService } from './audit-log.service';
import { AuditEntryConnection, AuditEntryObject } from './dto/audit-entry.object';

@Resolver(() => AuditEntryObject)
export class AuditLogResolver {
  constructor(private readonly entries: AuditLogService) {}

  @Query(() => AuditEntryConnection, {
    description:
      "A consortium's audit trail, newest first; filters are AND-ed, from/to are days in Europe/Rome (inclusive), actor matches the subject or the person's name ignoring case and accents",
  })
  auditLog(
    @Ctx() ctx: RequestContext,
    @Args('consortiumId', { type: () => ID }) consortiumId: string,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
    @Args('from', { type: () => DateScalar, nullable: true }) from: string | null,
    @Args('to', { type: () => DateScalar, nullable: true }) to: string | null,
    @Args('actor', { type: () => String, nullable: true }) actor: string | null,
    @Args('action', { type: () => String, nullable: true, description: 'exact, e.g. "membership.grant"' })
    action: string | null,
    @Args('comuneId', { type: () => ID, nullable: true }) comuneId: string | null,
  ): Promise<Page<AuditEntryObject>> {
    return this.entries.page(ctx, consortiumId, { from, to, actor, action, comuneId }, { first, after });
  }

  @ResolveField(() => String, {
    nullable: true,
    description:
      'whom a role change (membership.grant, membership.revoke) concerns, by name; null for other entries, a machine client, or a person the caller may not read by name',
  })
  subjectName(@Ctx() ctx: RequestContext, @Parent() entry: AuditEntryObject): Promise<string | null> | null {
    return this.entries.subjectNameOf(ctx, entry);
  }

  @ResolveField(() => ComuneObject, { nullable: true, description: 'the municipality the entry concerns' })
  comune(@Ctx() ctx: RequestContext, @Parent() entry: AuditEntryObject) {
    return this.entries.comuneOf(ctx, entry);
  }
}
