import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The office enters reports on the comuni's behalf (issue 23, point 5).
 *
 * - `consortium_setting`: the settings of a consortium that its RTD decides. One today:
 *   `office_reports_for_comuni` («L'ufficio può inserire gli stati per conto dei Comuni»), off by
 *   default (no row: off). The consortium's office (RTD, staff, auditor) reads it; only its RTD
 *   writes it, as themselves (updated_by is the caller's subject).
 * - `status_event.on_behalf_of_comune`: the step was entered by the RTD office on the comune's
 *   behalf (a consortium-wide import where the setting allows it). The actor columns say who, `at`
 *   when, the note from which file and row; status_event stays append-only.
 */
export class OfficeReportsForComuni1764000265000 implements MigrationInterface {
  name = 'OfficeReportsForComuni1764000265000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE consortium_setting (
        consortium_id uuid PRIMARY KEY REFERENCES consortium(id) ON DELETE CASCADE,
        office_reports_for_comuni boolean NOT NULL DEFAULT false,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`ALTER TABLE consortium_setting ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE consortium_setting FORCE ROW LEVEL SECURITY`);
    await q.query(
      `CREATE POLICY consortium_setting_owner ON consortium_setting TO rtd_owner USING (true) WITH CHECK (true)`,
    );
    const office = `consortium_id = ANY ((SELECT app_ids('app.full_consortia'))::uuid[])`;
    const rtd = `consortium_id = ANY ((SELECT app_ids('app.rtd_consortia'))::uuid[])
      AND updated_by = (SELECT app_text('app.subject'))`;
    await q.query(
      `CREATE POLICY consortium_setting_select ON consortium_setting FOR SELECT TO rtd_app USING (${office})`,
    );
    await q.query(
      `CREATE POLICY consortium_setting_insert ON consortium_setting FOR INSERT TO rtd_app WITH CHECK (${rtd})`,
    );
    await q.query(
      `CREATE POLICY consortium_setting_update ON consortium_setting FOR UPDATE TO rtd_app
         USING (consortium_id = ANY ((SELECT app_ids('app.rtd_consortia'))::uuid[])) WITH CHECK (${rtd})`,
    );
    await q.query(`GRANT SELECT, INSERT, UPDATE ON consortium_setting TO rtd_app`);

    await q.query(`ALTER TABLE status_event ADD COLUMN on_behalf_of_comune boolean NOT NULL DEFAULT false`);
    await q.query(
      `COMMENT ON COLUMN status_event.on_behalf_of_comune IS 'entered by the RTD office on the comune''s behalf (consortium-wide import)'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE status_event DROP COLUMN on_behalf_of_comune`);
    await q.query(`DROP TABLE consortium_setting`);
  }
}
