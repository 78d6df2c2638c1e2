import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The periodic report of the consortium (issue 15 part 4): two more kinds of export_job, built
 * by the worker (QUEUED, then RUNNING with its progress, then COMPLETED) and kept a year
 * (expires_at). A report belongs to the consortium, not to whoever asked: its office, staff and
 * auditor read it; the worker (subject system:exports, acting for that consortium) updates it.
 * The outbox takes the report's message from the auditor too, for that topic only.
 */
export class ConsortiumReport1764000017000 implements MigrationInterface {
  name = 'ConsortiumReport1764000017000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE export_job DROP CONSTRAINT export_job_kind_check`);
    await q.query(`ALTER TABLE export_job ADD CONSTRAINT export_job_kind_check CHECK (kind IN
      ('SCHEDA_COMUNE_PDF', 'MONITORING_XLSX', 'CONSORTIUM_REPORT_PDF', 'CONSORTIUM_REPORT_XLSX'))`);
    await q.query(`ALTER TABLE export_job
      ADD COLUMN progress integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
      ADD COLUMN expires_at timestamptz`);
    const report = `kind IN ('CONSORTIUM_REPORT_PDF', 'CONSORTIUM_REPORT_XLSX')
      AND consortium_id = ANY ((SELECT app_ids('app.full_consortia'))::uuid[])`;
    const worker = `(SELECT app_text('app.subject')) = 'system:exports' AND ${report}`;
    await q.query(
      `CREATE POLICY export_job_report_select ON export_job FOR SELECT TO rtd_app USING (${report})`,
    );
    await q.query(
      `CREATE POLICY export_job_report_update ON export_job FOR UPDATE TO rtd_app USING (${worker}) WITH CHECK (${worker})`,
    );
    await q.query(`CREATE POLICY outbox_insert_report ON outbox FOR INSERT TO rtd_app WITH CHECK (
      topic = 'exports' AND (payload ->> 'consortiumId') IS NOT DISTINCT FROM consortium_id::text
      AND consortium_id = ANY ((SELECT app_ids('app.full_consortia'))::uuid[]))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP POLICY outbox_insert_report ON outbox`);
    await q.query(`DROP POLICY export_job_report_update ON export_job`);
    await q.query(`DROP POLICY export_job_report_select ON export_job`);
    await q.query(`DELETE FROM export_job WHERE kind LIKE 'CONSORTIUM_REPORT_%'`);
    await q.query(`ALTER TABLE export_job DROP COLUMN progress, DROP COLUMN expires_at`);
    await q.query(`ALTER TABLE export_job DROP CONSTRAINT export_job_kind_check`);
    await q.query(`ALTER TABLE export_job ADD CONSTRAINT export_job_kind_check CHECK (kind IN
      ('SCHEDA_COMUNE_PDF', 'MONITORING_XLSX'))`);
  }
}
