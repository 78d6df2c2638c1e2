import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The periodic report on a schedule, and files deleted once expired (issue 15, points 4 and 6).
 *
 * - `consortium_report_schedule`: how often the office wants its report (NONE, WEEKLY, MONTHLY,
 *   QUARTERLY), in which format, on which day of the month. No row means the default: monthly,
 *   PDF, on day 1. The consortium's RTD office, staff and auditor read it; only its RTD writes it.
 * - `export_job.schedule_period`: the period ('2027-01', '2027-Q1', '2027-W05') a scheduled report
 *   was queued for; unique per consortium, so the daily job queues one report per period however
 *   often it runs.
 * - Every file gets an `expires_at` (a day, unless set: the report sets a year when it is built),
 *   and the worker (subject system:exports, acting for one consortium) may read and delete that
 *   consortium's expired files, of any kind, and nothing else.
 */
export class ReportSchedule1764000018000 implements MigrationInterface {
  name = 'ReportSchedule1764000018000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE consortium_report_schedule (
        consortium_id uuid PRIMARY KEY REFERENCES consortium(id) ON DELETE CASCADE,
        frequency text NOT NULL CHECK (frequency IN ('NONE', 'WEEKLY', 'MONTHLY', 'QUARTERLY')),
        format text NOT NULL CHECK (format IN ('PDF', 'XLSX')),
        day_of_month integer NOT NULL DEFAULT 1 CHECK (day_of_month BETWEEN 1 AND 28),
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`ALTER TABLE consortium_report_schedule ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE consortium_report_schedule FORCE ROW LEVEL SECURITY`);
    await q.query(
      `CREATE POLICY consortium_report_schedule_owner ON consortium_report_schedule TO rtd_owner USING (true) WITH CHECK (true)`,
    );
    const office = `consortium_id = ANY ((SELECT app_ids('app.full_consortia'))::uuid[])`;
    const rtd = `consortium_id = ANY ((SELECT app_ids('app.rtd_consortia'))::uuid[])
      AND updated_by = (SELECT app_text('app.subject'))`;
    await q.query(
      `CREATE POLICY consortium_report_schedule_select ON consortium_report_schedule FOR SELECT TO rtd_app USING (${office})`,
    );
    await q.query(
      `CREATE POLICY consortium_report_schedule_insert ON consortium_report_schedule FOR INSERT TO rtd_app WITH CHECK (${rtd})`,
    );
    await q.query(
      `CREATE POLICY consortium_report_schedule_update ON consortium_report_schedule FOR UPDATE TO rtd_app
         USING (consortium_id = ANY ((SELECT app_ids('app.rtd_consortia'))::uuid[])) WITH CHECK (${rtd})`,
    );
    await q.query(`GRANT SELECT, INSERT, UPDATE ON consortium_report_schedule TO rtd_app`);

    await q.query(`ALTER TABLE export_job ADD COLUMN schedule_period text`);
    await q.query(
      `CREATE UNIQUE INDEX export_job_schedule_period_idx ON export_job (consortium_id, schedule_period)
         WHERE schedule_period IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX export_job_consortium_report_idx ON export_job (consortium_id, requested_at DESC)
         WHERE kind IN ('CONSORTIUM_REPORT_PDF', 'CONSORTIUM_REPORT_XLSX')`,
    );
    await q.query(`CREATE INDEX export_job_expires_idx ON export_job (expires_at)`);
    await q.query(`ALTER TABLE export_job ALTER COLUMN expires_at SET DEFAULT now() + interval '1 day'`);
    await q.query(
      `UPDATE export_job SET expires_at = requested_at + interval '1 day' WHERE expires_at IS NULL`,
    );
    const expired = `(SELECT app_text('app.subject')) = 'system:exports'
      AND consortium_id = ANY ((SELECT app_ids('app.full_consortia'))::uuid[]) AND expires_at <= now()`;
    await q.query(
      `CREATE POLICY export_job_expired_select ON export_job FOR SELECT TO rtd_app USING (${expired})`,
    );
    await q.query(
      `CREATE POLICY export_job_expired_delete ON export_job FOR DELETE TO rtd_app USING (${expired})`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP POLICY export_job_expired_delete ON export_job`);
    await q.query(`DROP POLICY export_job_expired_select ON export_job`);
    await q.query(`ALTER TABLE export_job ALTER COLUMN expires_at DROP DEFAULT`);
    await q.query(`DROP INDEX export_job_expires_idx`);
    await q.query(`DROP INDEX export_job_consortium_report_idx`);
    await q.query(`DROP INDEX export_job_schedule_period_idx`);
    await q.query(`ALTER TABLE export_job DROP COLUMN schedule_period`);
    await q.query(`DROP TABLE consortium_report_schedule`);
  }
}
