import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A consortium's local lines (`LOC.CAPn.nn`, the lines without an AgID code that an office adds
 * to its own plan, such as those of the Crema office's seed 003) belong to that consortium. AgID's
 * lines stay readable by every role; a local line only by the office that owns it (RTD, staff,
 * auditors: `app.full_consortia`) and by the people of its member comuni (referents, viewers,
 * delegates), never by another consortium nor by a regional portal. A local line no consortium
 * owns yet (as the catalogue import leaves it, before any tenant exists) is readable by nobody
 * but the owner role: `catalog:assign-local` (or the demo seed) gives it to its consortium.
 */
// Each helper call as a subquery: an InitPlan evaluated once per statement, not once per line (the
// helpers verify the signed context, see 1764000009000-signed-tenant-context).
const SELECT = `NOT is_local
  OR owner_consortium_id = ANY ((SELECT app_ids('app.full_consortia'))::uuid[])
  OR owner_consortium_id IN (
    SELECT consortium_id FROM consortium_member
     WHERE comune_id = ANY ((SELECT app_ids('app.comuni'))::uuid[])
        OR comune_id = ANY ((SELECT app_ids('app.delegate_comuni'))::uuid[]))`;

export class ConsortiumLocalLines1764000010000 implements MigrationInterface {
  name = 'ConsortiumLocalLines1764000010000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE plan_line ADD COLUMN owner_consortium_id uuid REFERENCES consortium(id)`);
    await q.query(
      `ALTER TABLE plan_line ADD CONSTRAINT plan_line_owner_local_check CHECK (owner_consortium_id IS NULL OR is_local)`,
    );
    await q.query(
      `CREATE INDEX plan_line_owner_idx ON plan_line (owner_consortium_id) WHERE owner_consortium_id IS NOT NULL`,
    );
    await q.query(`ALTER TABLE plan_line ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE plan_line FORCE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY plan_line_owner ON plan_line TO rtd_owner USING (true) WITH CHECK (true)`);
    await q.query(`CREATE POLICY plan_line_select ON plan_line FOR SELECT TO rtd_app USING (${SELECT})`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP POLICY plan_line_select ON plan_line`);
    await q.query(`DROP POLICY plan_line_owner ON plan_line`);
    await q.query(`ALTER TABLE plan_line NO FORCE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE plan_line DISABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE plan_line DROP COLUMN owner_consortium_id`);
  }
}
