import type { EntityManager } from 'typeorm';
import { Injectable, Logger } from '@nestjs/common';
import { JobContext } from '@rtd/authz';
import { dayBefore, todayInRome } from '@rtd/dates';
import { allConsortia } from '@rtd/tenancy';
import { ComplianceRepository } from './compliance-read-model.repository';

/** The system subject the snapshot job acts as (JobContext.forJob). */
export const SNAPSHOT_SUBJECT = 'system:compliance-snapshots';

/** Moved to @rtd/dates; still exported here for its callers. */
export { dayBefore };

/**
 * The nightly job behind complianceTrend: one snapshot per consortium and day, taken again if
 * re-run. A consortium with no snapshot yet first gets its past days rebuilt from the status
 * history (ComplianceRepository.backfill), so its trend is not empty on day one. It lists the
 * consortia with the one right that needs (JobContext.listingConsortia), then visits each with
 * that consortium's rights only.
 */
@Injectable()
export class ComplianceSnapshots {
  private readonly logger = new Logger(ComplianceSnapshots.name);

  constructor(private readonly repository: ComplianceRepository) {}

  async take(job: JobContext, day: string): Promise<number> {
    let rows = 0;
    for (const id of await this.consortia(job)) {
      rows += await job.forConsortium(id).run(async (ctx) => {
        const db = await ctx.db();
        if (!(await this.repository.hasSnapshots(db, id))) {
          const rebuilt = await this.repository.backfill(db, id, dayBefore(day));
          if (rebuilt.days > 0)
            this.logger.log(`consortium ${id}: ${rebuilt.days} past days rebuilt from history`);
        }
        return this.repository.snapshot(db, id, day);
      });
    }
    this.logger.log(`compliance snapshot of ${day}: ${rows} assignments`);
    return rows;
  }

  /** Rebuilds every consortium's missing days up to `throughDay` (yesterday by default) from the history. */
  async backfill(job: JobContext, throughDay = dayBefore(todayInRome())): Promise<number> {
    let days = 0;
    for (const id of await this.consortia(job)) {
      const rebuilt = await job
        .forConsortium(id)
        .run(async (ctx) => this.repository.backfill(await ctx.db(), id, throughDay));
      days += rebuilt.days;
    }
    return days;
  }

  private async consortia(job: JobContext): Promise<string[]> {
    const rows = await job.listingConsortia().run(async (ctx) => allConsortia(await ctx.db()));
    return rows.map((row) => row.id);
  }
}

/**
 * For seeds and commands: the daily snapshots of a consortium through this day, rebuilt from its
 * history where missing (ComplianceRepository.backfill); running it again changes nothing.
 */
export function backfillCompliance(
  db: EntityManager,
  consortiumId: string,
  throughDay: string,
): Promise<{ days: number; rows: number }> {
  return new ComplianceRepository().backfill(db, consortiumId, throughDay);
}
