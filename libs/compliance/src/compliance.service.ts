import { Injectable } from '@nestjs/common';
import { callerAccess, on } from '@rtd/authz';
import { badInput, forbidden, notFound, parseId, RequestContext } from '@rtd/kernel';
import { TenancyService } from '@rtd/tenancy';
import { ComplianceRepository, CountsRow } from './compliance.repository';
import { ComplianceBucket, ComplianceGroupBy, ComplianceScope } from './compliance.types';

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

/** Compliance as aggregates, for the RTD office (its consortium) and regional portals (their region). */
@Injectable()
export class ComplianceService {
  constructor(
    private readonly repository: ComplianceRepository,
    private readonly tenancy: TenancyService,
  ) {}

  async summary(
    ctx: RequestContext,
    scope: ComplianceScope,
    groupBy: ComplianceGroupBy,
  ): Promise<ComplianceBucket[]> {
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
    if (consortiumId !== null) {
      await this.tenancy.getConsortium(ctx, consortiumId);
      if (!ability.can('summarize', on('Compliance', { consortiumId, regionCode: null }))) throw forbidden();
    } else if (!ability.can('summarize', on('Compliance', { consortiumId: null, regionCode }))) {
      // A region the caller observes nothing of is simply not there for it.
      throw access.regions.size > 0 ? forbidden('Regione fuori dal proprio ambito') : forbidden();
    }
    const rows = await this.repository.summary(
      await ctx.db(),
      { consortiumId, regionCode, objectiveId },
      groupBy,
    );
    if (objectiveId !== null && rows.length === 0 && consortiumId !== null) {
      const found = await this.repository.summary(
        await ctx.db(),
        { consortiumId, regionCode, objectiveId: null },
        groupBy,
      );
      if (found.length === 0) throw notFound('Obiettivo');
    }
    return sortBuckets(rows.map((row) => ({ ...row, completionRate: completionRate(row) })));
  }
}
