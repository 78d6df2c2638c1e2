import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { systemSettings } from '@rtd/authz';
import { dayBefore, todayInRome } from '@rtd/dates';
import { withDbSession } from '@rtd/kernel';
import { TenancyRepository } from '@rtd/tenancy';
import { ComplianceRepository } from './compliance-read-model.repository';

const SUBJECT = 'system:compliance-snapshots';

/** Moved to @rtd/dates; still exported here for its callers. */
export { dayBefore };

/**
 * The nightly job behind complianceTrend: one snapshot per consortium and day, taken again if
 * re-run. A consortium with no snapshot yet first gets its past days rebuilt from the status
 * history (ComplianceRepository.backfill), so its trend is not empty on day one.
 */
@Injectable()
export class ComplianceSnapshots {
  private readonly logger = new Logger(ComplianceSnapshots.name);

  constructor(private readonly repository: ComplianceRepository) {}

  async take(dataSource: DataSource, day: string): Promise<number> {
    let rows = 0;
    for (const id of await this.consortia(dataSource)) {
      rows += await withDbSession(dataSource, systemSettings(SUBJECT, id), async (session) => {
        const db = await session.manager();
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
  async backfill(dataSource: DataSource, throughDay = dayBefore(todayInRome())): Promise<number> {
    let days = 0;
    for (const id of await this.consortia(dataSource)) {
      const rebuilt = await withDbSession(dataSource, systemSettings(SUBJECT, id), async (session) =>
        this.repository.backfill(await session.manager(), id, throughDay),
      );
      days += rebuilt.days;
    }
    return days;
  }

  private async consortia(dataSource: DataSource): Promise<string[]> {
    const rows = await withDbSession(
      dataSource,
      { ...systemSettings(SUBJECT, null), 'app.admin': 'on' },
      async (session) => new TenancyRepository().listConsortia(await session.manager(), null),
    );
    return rows.map((row) => row.id).sort();
  }
}
