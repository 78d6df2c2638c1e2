import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The periodic report (issue 24): semi-annual and annual schedules (plans are monitored twice a
 * year and once a year), and the RTD's optional commentary written when asking for a report
 * (export_job.commentary, printed in its summary; the row's policies already cover it).
 */
export class PeriodicReport1764000230000 implements MigrationInterface {
  name = 'PeriodicReport1764000230000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE consortium_report_schedule DROP CONSTRAINT consortium_report_schedule_frequency_check`,
    );
    await q.query(`ALTER TABLE consortium_report_schedule ADD CONSTRAINT consortium_report_schedule_frequency_check
      CHECK (frequency IN ('NONE', 'WEEKLY', 'MONTHLY', 'QUARTERLY', 'SEMIANNUAL', 'ANNUAL'))`);
    await q.query(`ALTER TABLE export_job ADD COLUMN commentary text
      CHECK (commentary IS NULL OR (length(commentary) <= 4000
             AND kind IN ('CONSORTIUM_REPORT_PDF', 'CONSORTIUM_REPORT_XLSX')))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE export_job DROP COLUMN commentary`);
    await q.query(
      `ALTER TABLE consortium_report_schedule DROP CONSTRAINT consortium_report_schedule_frequency_check`,
    );
    await q.query(`ALTER TABLE consortium_report_schedule ADD CONSTRAINT consortium_report_schedule_frequency_check
      CHECK (frequency IN ('NONE', 'WEEKLY', 'MONTHLY', 'QUARTERLY'))`);
  }
}
