import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Daily snapshots of every assignment's status (taken at midnight, Europe/Rome) for the
 * compliance trends: one row per day and assignment, so that any grouping can be recomputed for
 * any past day exactly as the live summary computes today.
 */
export class ComplianceSnapshots1764000006000 implements MigrationInterface {
  name = 'ComplianceSnapshots1764000006000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE compliance_snapshot (
        day date NOT NULL,
        assignment_id uuid NOT NULL,
        consortium_id uuid NOT NULL REFERENCES consortium(id) ON DELETE CASCADE,
        comune_id uuid NOT NULL REFERENCES comune(id),
        objective_id uuid NOT NULL,
        status text NOT NULL CHECK (status IN ('NOT_STARTED', 'IN_PROGRESS', 'SUBMITTED', 'COMPLETED', 'REJECTED', 'NOT_APPLICABLE')),
        overdue boolean NOT NULL,
        PRIMARY KEY (day, assignment_id)
      )`);
    await q.query(
      `CREATE INDEX compliance_snapshot_consortium_idx ON compliance_snapshot (consortium_id, day)`,
    );
    await q.query(`CREATE INDEX compliance_snapshot_comune_idx ON compliance_snapshot (comune_id, day)`);
    await q.query(`GRANT SELECT, INSERT, DELETE ON compliance_snapshot TO rtd_app`);
    await q.query(`ALTER TABLE compliance_snapshot ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE compliance_snapshot FORCE ROW LEVEL SECURITY`);
    await q.query(
      `CREATE POLICY compliance_snapshot_owner ON compliance_snapshot TO rtd_owner USING (true) WITH CHECK (true)`,
    );
    await q.query(`CREATE POLICY compliance_snapshot_select ON compliance_snapshot FOR SELECT TO rtd_app USING (
      consortium_id = ANY (app_ids('app.full_consortia'))
      OR comune_id IN (SELECT id FROM comune WHERE region_code = ANY (app_texts('app.regions'))))`);
    await q.query(`CREATE POLICY compliance_snapshot_write ON compliance_snapshot FOR INSERT TO rtd_app
      WITH CHECK (app_flag('app.relay') AND consortium_id = ANY (app_ids('app.manage_consortia')))`);
    await q.query(`CREATE POLICY compliance_snapshot_delete ON compliance_snapshot FOR DELETE TO rtd_app
      USING (app_flag('app.relay') AND consortium_id = ANY (app_ids('app.manage_consortia')))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE compliance_snapshot`);
  }
}
