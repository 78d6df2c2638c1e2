import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Regional portals read aggregates over every consortium of their region. They need to count
 * assignments (and name objectives) of municipalities in their region at the database level;
 * the application never hands them a single assignment, nor anything that names a person.
 */
const IN_OBSERVED_REGION = `comune_id IN (SELECT id FROM comune WHERE region_code = ANY (app_texts('app.regions')))`;
const OF_OBSERVED_CONSORTIUM = `cardinality(app_texts('app.regions')) > 0 AND consortium_id = ANY (app_ids('app.read_consortia'))`;

const POLICIES: [table: string, condition: string][] = [
  ['assignment', IN_OBSERVED_REGION],
  ['shared_objective', OF_OBSERVED_CONSORTIUM],
  ['shared_objective_line', OF_OBSERVED_CONSORTIUM],
];

export class RegionalObservers1764000003000 implements MigrationInterface {
  name = 'RegionalObservers1764000003000';

  async up(q: QueryRunner): Promise<void> {
    for (const [table, condition] of POLICIES) {
      await q.query(
        `CREATE POLICY ${table}_observer_select ON ${table} FOR SELECT TO rtd_app USING (${condition})`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table] of POLICIES) await q.query(`DROP POLICY ${table}_observer_select ON ${table}`);
  }
}
