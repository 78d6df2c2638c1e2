import { Injectable } from '@nestjs/common';
import { callerAccess, on } from '@rtd/authz';
import { todayInRome } from '@rtd/dates';
import { badInput, forbidden, masculine, notFound, parseId, RequestContext } from '@rtd/kernel';
import { TenancyService } from '@rtd/tenancy';
import { EntityManager } from 'typeorm';
import { ComplianceRepository, CountsRow } from './compliance-read-model.repository';
import {
  ComplianceBucket,
  ComplianceGroupBy,
  ComplianceScope,
  ComplianceTrendPoint,
} from './compliance.types';

const REGION = /^\d{2}$/;

/** completed / (total - notApplicable), 0 when nothing applies: the contract's definition. */
export function completionRate(row: Pick<CountsRow, 'total' | 'completed' | 'notApplicable'>): number {
  const applicable = row.total - row.notApplicable;
  return applicable > 0 ? row.completed / applicable : 0;
}

/** Laggards first: by completion rate, then label. */
export function sortBuckets(buckets: ComplianceBucket[]): ComplianceBucket[] {
  return buckets.sort((a, b) => a.completionRate - b.completionRate || a.label.localeCompare(b.label, 'it'));
}

const CACHE_ENTRIES = 1000;
const MAX_TREND_DAYS = 366;

/**
 * Compliance as aggregates, for the RTD office (its consortium) and regional portals (their
 * region). Results are cached under the data versions of the consortia they cover and today's
 * date (overdue changes at midnight). The versions are bumped by triggers, in the transaction of
 * the change: assignments and objectives (migrations/1764000005000-compliance-versions.ts), and the
 * labels a bucket shows, i.e. comune, consortium, plan line and chapter
 * (migrations/1764000011000-compliance-label-versions.ts). So a cached summary is never stale; the
 * writers name the trigger where they write. The counts themselves come from the rollup, kept by
 * triggers in the transaction of every assignment change
 * (migrations/1764000020000-compliance-rollup.ts): a miss costs a read of O(buckets) rows.
 */
@Injectable()
export class ComplianceService {
  private readonly cache = new Map<string, CountsRow[]>();
  /** The summaries being computed, by cache key: concurrent misses of one key share one statement. */
  private readonly computing = new Map<string, Promise<CountsRow[]>>();

  constructor(
    private readonly repository: ComplianceRepository,
    private readonly tenancy: TenancyService,
  ) {}

  async summary(
    ctx: RequestContext,
    scope: ComplianceScope,
    groupBy: ComplianceGroupBy,
  ): Promise<ComplianceBucket[]> {
    const checked = await this.checkScope(ctx, scope, true);
    // A region's aggregates read the replica when there is one (RequestContext.replicaRead): the
    // portals' load leaves the primary, and nobody reads their own writes there. Versions and
    // counts come from the same database, so a cached entry never mixes the two.
    if (checked.regionCode !== null)
      return ctx.replicaRead((db) => this.summaryIn(ctx, db, checked, groupBy));
    return this.summaryIn(ctx, await ctx.db(), checked, groupBy);
  }

  private async summaryIn(
    ctx: RequestContext,
    db: EntityManager,
    checked: Awaited<ReturnType<ComplianceService['checkScope']>>,
    groupBy: ComplianceGroupBy,
  ): Promise<ComplianceBucket[]> {
    const { consortiumId, regionCode, objectiveId } = checked;
    let version: string;
    if (consortiumId !== null && !checked.existenceChecked) {
      // The consortium's existence (under its policies) and its version in one statement.
      const found = await this.repository.consortiumVersion(db, consortiumId);
      if (!found.found) throw notFound(masculine('Consorzio'));
      version = found.version;
    } else {
      version = await this.repository.versionOf(
        db,
        consortiumId !== null ? [consortiumId] : checked.readableConsortia,
      );
    }
    // LINE and CHAPTER buckets read the catalogue, whose local lines each caller sees only for
    // its own consortia (row-level security): callers who see different lines share no entry.
    const lines = groupBy === ComplianceGroupBy.LINE || groupBy === ComplianceGroupBy.CHAPTER;
    const key = JSON.stringify([
      consortiumId,
      regionCode,
      objectiveId,
      groupBy,
      todayInRome(),
      version,
      lines ? checked.localLineConsortia : null,
    ]);
    let rows = this.cache.get(key);
    if (rows) {
      this.cache.delete(key);
    } else {
      rows = await this.computeOnce(key, () =>
        this.repository.summary(db, { consortiumId, regionCode, objectiveId }, groupBy),
      );
      if (objectiveId !== null && rows.length === 0) await this.assertObjectiveVisible(ctx, objectiveId);
    }
    this.cache.set(key, rows);
    if (this.cache.size > CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
    return sortBuckets(rows.map((row) => ({ ...row, completionRate: completionRate(row) })));
  }

  /**
   * The rows of a missed key, computed once however many requests miss it at the same time (after
   * a write, every dashboard of the consortium misses together). Sharing is as safe as the cache:
   * the key holds the data versions each waiter read before asking, and the statement that
   * computes them starts after its requester read the same versions, so it sees at least those
   * writes. If that request fails (its transaction, say), a waiter computes in its own.
   */
  private async computeOnce(key: string, compute: () => Promise<CountsRow[]>): Promise<CountsRow[]> {
    const running = this.computing.get(key);
    if (running) return running.catch(() => compute());
    const rows = compute();
    this.computing.set(key, rows);
    try {
      return await rows;
    } finally {
      if (this.computing.get(key) === rows) this.computing.delete(key);
    }
  }

  /** The same buckets per day, from the midnight snapshots, oldest day first. */
  async trend(
    ctx: RequestContext,
    scope: ComplianceScope,
    groupBy: ComplianceGroupBy,
    from: string,
    to: string,
  ): Promise<ComplianceTrendPoint[]> {
    if (from > to) throw badInput('from', 'deve precedere "to"');
    if ((Date.parse(to) - Date.parse(from)) / 86_400_000 > MAX_TREND_DAYS) {
      throw badInput('to', `al massimo ${MAX_TREND_DAYS} giorni`);
    }
    const { consortiumId, regionCode, objectiveId } = await this.checkScope(ctx, scope);
    const rows = await this.repository.trend(
      await ctx.db(),
      { consortiumId, regionCode, objectiveId },
      groupBy,
      from,
      to,
    );
    const days = new Map<string, ComplianceBucket[]>();
    for (const { day, ...row } of rows) {
      days.set(day, [...(days.get(day) ?? []), { ...row, completionRate: completionRate(row) }]);
    }
    return [...days.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([day, buckets]) => ({ day, buckets: sortBuckets(buckets) }));
  }

  /** Checks the caller may summarise the consortium (its office), as complianceSummary does; returns its name. */
  async checkConsortium(ctx: RequestContext, consortiumId: string): Promise<string> {
    await this.checkScope(ctx, { consortiumId });
    return (await this.tenancy.getConsortium(ctx, consortiumId)).name;
  }

  /**
   * Validates the scope and checks the caller may summarise it. With `deferExistence`, a consortium
   * the caller may read and summarise is not read here: the caller checks it exists with the version
   * read (`existenceChecked: false`); otherwise it is read first, as before (its errors unchanged).
   */
  private async checkScope(ctx: RequestContext, scope: ComplianceScope, deferExistence = false) {
    const consortiumId = scope.consortiumId ? parseId('scope.consortiumId', scope.consortiumId) : null;
    const regionCode = scope.regionCode?.trim() || null;
    const objectiveId = scope.objectiveId ? parseId('scope.objectiveId', scope.objectiveId) : null;
    if ((consortiumId === null) === (regionCode === null)) {
      throw badInput('scope', 'indicare consortiumId oppure regionCode (uno solo)');
    }
    if (regionCode !== null && !REGION.test(regionCode)) {
      throw badInput('scope.regionCode', 'codice ISTAT di regione di 2 cifre, ad esempio "03"');
    }
    const { ability, scope: access } = await callerAccess(ctx);
    let existenceChecked = true;
    if (
      consortiumId !== null &&
      deferExistence &&
      ability.can('read', on('Consortium', { id: consortiumId })) &&
      ability.can('summarize', on('Compliance', { consortiumId, regionCode: null }))
    ) {
      existenceChecked = false;
    } else if (consortiumId !== null) {
      await this.tenancy.getConsortium(ctx, consortiumId);
      if (!ability.can('summarize', on('Compliance', { consortiumId, regionCode: null }))) throw forbidden();
    } else if (!ability.can('summarize', on('Compliance', { consortiumId: null, regionCode }))) {
      throw access.regions.size > 0 ? forbidden('Regione fuori dal proprio ambito') : forbidden();
    }
    // The consortia whose local lines the caller reads: its own office's and its comuni's, not a region's.
    const localLineConsortia = [
      ...new Set(
        access.grants
          .filter((grant) => grant.role !== 'REGIONAL_OBSERVER' && grant.consortiumId !== null)
          .map((grant) => grant.consortiumId as string),
      ),
    ].sort();
    return {
      consortiumId,
      regionCode,
      objectiveId,
      readableConsortia: [...access.readableConsortia],
      localLineConsortia,
      existenceChecked,
    };
  }

  /** A filter that matches nothing: an objective the caller cannot see, or one not assigned yet. */
  private async assertObjectiveVisible(ctx: RequestContext, objectiveId: string): Promise<void> {
    if (!(await this.repository.objectiveExists(await ctx.db(), objectiveId))) {
      throw notFound(masculine('Obiettivo'));
    }
  }
}
