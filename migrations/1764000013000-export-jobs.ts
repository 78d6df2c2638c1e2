import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Files a person asked for (scheda per comune PDF, monitoring sheet XLSX): one row per request,
 * with its state and, once done, the file. Only the person (or client) who asked sees the row:
 * the download link is theirs alone, and row-level security says so again under the API.
 * The states leave room for files the worker builds later (the periodic report of issue 15).
 */
export class ExportJobs1764000013000 implements MigrationInterface {
  name = 'ExportJobs1764000013000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE export_job (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        consortium_id uuid NOT NULL REFERENCES consortium(id) ON DELETE CASCADE,
        comune_id uuid REFERENCES comune(id),
        kind text NOT NULL CHECK (kind IN ('SCHEDA_COMUNE_PDF', 'MONITORING_XLSX')),
        edition_code text,
        state text NOT NULL DEFAULT 'QUEUED' CHECK (state IN ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED')),
        requested_by text NOT NULL,
        requested_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        file_name text,
        content_type text,
        content bytea,
        error text,
        CHECK ((state = 'COMPLETED') = (content IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX export_job_requester_idx ON export_job (requested_by, requested_at DESC)`);
    await q.query(`ALTER TABLE export_job ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE export_job FORCE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY export_job_owner ON export_job TO rtd_owner USING (true) WITH CHECK (true)`);
    // The helper as a subquery: an InitPlan, once per statement (see 1764000009000-signed-tenant-context).
    const own = `requested_by = (SELECT app_text('app.subject'))`;
    await q.query(`CREATE POLICY export_job_select ON export_job FOR SELECT TO rtd_app USING (${own})`);
    await q.query(`CREATE POLICY export_job_insert ON export_job FOR INSERT TO rtd_app WITH CHECK (${own})`);
    await q.query(
      `CREATE POLICY export_job_update ON export_job FOR UPDATE TO rtd_app USING (${own}) WITH CHECK (${own})`,
    );
    await q.query(`CREATE POLICY export_job_delete ON export_job FOR DELETE TO rtd_app USING (${own})`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON export_job TO rtd_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE export_job`);
  }
}
