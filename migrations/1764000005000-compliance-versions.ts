import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A version number per consortium, bumped in the same transaction as any change to its
 * assignments or objectives. Compliance summaries are cached by the API under the versions they
 * were computed at: a dashboard refreshed a thousand times costs one small read until something
 * actually changes, and a change is visible to the very next read.
 *
 * Statement-level triggers (one bump per statement, whatever the number of rows: a fan-out batch
 * of a thousand assignments is one bump), security definer so that every writer can bump the
 * counter without being allowed to write it directly.
 */
export class ComplianceVersions1764000005000 implements MigrationInterface {
  name = 'ComplianceVersions1764000005000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE compliance_version (
        consortium_id uuid PRIMARY KEY REFERENCES consortium(id) ON DELETE CASCADE,
        version bigint NOT NULL DEFAULT 1,
        changed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE FUNCTION bump_compliance_version() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          INSERT INTO compliance_version AS v (consortium_id)
          SELECT DISTINCT consortium_id FROM new_rows
          ON CONFLICT (consortium_id) DO UPDATE SET version = v.version + 1, changed_at = now();
        END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          INSERT INTO compliance_version AS v (consortium_id)
          SELECT DISTINCT consortium_id FROM old_rows
          WHERE EXISTS (SELECT 1 FROM consortium k WHERE k.id = old_rows.consortium_id)
          ON CONFLICT (consortium_id) DO UPDATE SET version = v.version + 1, changed_at = now();
        END IF;
        RETURN NULL;
      END $$`);
    for (const table of ['assignment', 'shared_objective', 'shared_objective_line']) {
      await q.query(`CREATE TRIGGER ${table}_version_insert AFTER INSERT ON ${table}
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_compliance_version()`);
      await q.query(`CREATE TRIGGER ${table}_version_update AFTER UPDATE ON ${table}
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_compliance_version()`);
      await q.query(`CREATE TRIGGER ${table}_version_delete AFTER DELETE ON ${table}
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_compliance_version()`);
    }
    await q.query(`GRANT SELECT ON compliance_version TO rtd_app`);
    await q.query(`ALTER TABLE compliance_version ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE compliance_version FORCE ROW LEVEL SECURITY`);
    await q.query(
      `CREATE POLICY compliance_version_owner ON compliance_version TO rtd_owner USING (true) WITH CHECK (true)`,
    );
    await q.query(`CREATE POLICY compliance_version_select ON compliance_version FOR SELECT TO rtd_app
      USING (app_flag('app.admin') OR consortium_id = ANY (app_ids('app.read_consortia')))`);
    // Summaries of a region scan assignments by municipality; of a consortium, by consortium and status.
    await q.query(
      `CREATE INDEX assignment_comune_status_idx ON assignment (comune_id, status) INCLUDE (objective_id, due_date)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX assignment_comune_status_idx`);
    for (const table of ['assignment', 'shared_objective', 'shared_objective_line']) {
      for (const op of ['insert', 'update', 'delete'])
        await q.query(`DROP TRIGGER ${table}_version_${op} ON ${table}`);
    }
    await q.query(`DROP FUNCTION bump_compliance_version()`);
    await q.query(`DROP TABLE compliance_version`);
  }
}
