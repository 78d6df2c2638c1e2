import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who holds which role in a consortium is read by its whole office (RTD, staff, auditors: the
 * `app.full_consortia` set), no longer by its RTD alone: the same rule as the ability factory's
 * `read Membership`. Granting and revoking stay with the RTD office (insert and update policies
 * are unchanged), and people are already readable by anyone holding a role (person_select).
 */
const SELECT_BEFORE = `app_flag('app.admin')
  OR person_id IN (SELECT id FROM person WHERE fiscal_code = app_text('app.fiscal_code'))
  OR machine_client_id IN (SELECT id FROM machine_client WHERE client_id = app_text('app.client_id'))
  OR consortium_id = ANY (app_ids('app.rtd_consortia'))
  OR comune_id = ANY (app_ids('app.referent_comuni'))`;

const SELECT_AFTER = `app_flag('app.admin')
  OR person_id IN (SELECT id FROM person WHERE fiscal_code = app_text('app.fiscal_code'))
  OR machine_client_id IN (SELECT id FROM machine_client WHERE client_id = app_text('app.client_id'))
  OR consortium_id = ANY (app_ids('app.full_consortia'))
  OR comune_id = ANY (app_ids('app.referent_comuni'))`;

export class MembershipReaders1764000008000 implements MigrationInterface {
  name = 'MembershipReaders1764000008000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP POLICY membership_select ON membership`);
    await q.query(
      `CREATE POLICY membership_select ON membership FOR SELECT TO rtd_app USING (${SELECT_AFTER})`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP POLICY membership_select ON membership`);
    await q.query(
      `CREATE POLICY membership_select ON membership FOR SELECT TO rtd_app USING (${SELECT_BEFORE})`,
    );
  }
}
