import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Semi-annual and annual periodic reports (issue 24): plans are monitored twice a year and once a
 * year, so the schedule offers both beside weekly, monthly and quarterly.
 */
export class ReportFrequencies1764000230000 implements MigrationInterface {
  name = 'ReportFrequencies1764000230000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE consortium_report_schedule DROP CONSTRAINT consortium_report_schedule_frequency_check`,
    );
    await q.query(`ALTER TABLE consortium_report_schedule ADD CONSTRAINT consortium_report_schedule_frequency_check
      CHECK (frequency IN ('NONE', 'WEEKLY', 'MONTHLY', 'QUARTERLY', 'SEMIANNUAL', 'ANNUAL'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE consortium_report_schedule DROP CONSTRAINT consortium_report_schedule_frequency_check`,
    );
    await q.query(`ALTER TABLE consortium_report_schedule ADD CONSTRAINT consortium_report_schedule_frequency_check
      CHECK (frequency IN ('NONE', 'WEEKLY', 'MONTHLY', 'QUARTERLY'))`);
  }
}
