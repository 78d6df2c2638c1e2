import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { systemSettings } from '@rtd/authz';
import { withDbSession } from '@rtd/kernel';
import { ComplianceRepository } from './compliance.repository';

const SUBJECT = 'system:compliance-snapshots';

/** The nightly job behind complianceTrend: one snapshot per consortium and day, taken again if re-run. */
@Injectable()
export class ComplianceSnapshots {
  private readonly logger = new Logger(ComplianceSnapshots.name);

  constructor(private readonly repository: ComplianceRepository) {}

  async take(dataSource: DataSource, day: string): Promise<number> {
    const consortia: { id: string }[] = await withDbSession(
      dataSource,
      { ...systemSettings(SUBJECT, null), 'app.admin': 'on' },
      async (session) => (await session.manager()).query(`SELECT id FROM consortium ORDER BY id`),
    );
    let rows = 0;
    for (const { id } of consortia) {
      rows += await withDbSession(dataSource, systemSettings(SUBJECT, id), async (session) =>
        this.repository.snapshot(await session.manager(), id, day),
      );
    }
    this.logger.log(`compliance snapshot of ${day}: ${rows} assignments in ${consortia.length} consortia`);
    return rows;
  }
}
