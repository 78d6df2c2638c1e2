import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The plan lines some shared objective uses, as a view the objectives domain owns and exports
 * (libs/objectives/src/tables.ts): the catalogue importer refuses to drop such a line, and asks
 * here instead of reading shared_objective_line, a table of a library above it. Security
 * invoker: whoever reads it sees what row-level security lets them see of shared_objective_line
 * (the importer runs as the owner, which sees every row).
 */
export class PlanLineInUse1764000014700 implements MigrationInterface {
  name = 'PlanLineInUse1764000014700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE VIEW plan_line_in_use WITH (security_invoker = true) AS
        SELECT DISTINCT plan_line_id FROM shared_objective_line`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW plan_line_in_use`);
  }
}
