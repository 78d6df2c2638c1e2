import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The policies that let a municipality see the objectives and history of its own assignments
 * asked "is this row's id among the assignments I can see?" with an uncorrelated IN: PostgreSQL
 * answered it by scanning every visible assignment for each query (370 ms at national scale).
 * A correlated EXISTS is answered through the unique (objective, municipality) and primary-key
 * indexes instead, one row at a time. Same rules, same rows.
 */
const DELEGATE_OF_ASSIGNMENT = `(comune_id = ANY (app_ids('app.delegate_comuni'))
  AND EXISTS (SELECT 1 FROM assignment x WHERE x.id = assignment_id))`;

const POLICIES: [name: string, table: string, command: string, clause: string][] = [
  [
    'shared_objective_select',
    'shared_objective',
    'FOR SELECT TO rtd_app USING',
    `consortium_id = ANY (app_ids('app.full_consortia'))
      OR EXISTS (SELECT 1 FROM assignment x WHERE x.objective_id = shared_objective.id)`,
  ],
  [
    'shared_objective_line_select',
    'shared_objective_line',
    'FOR SELECT TO rtd_app USING',
    `consortium_id = ANY (app_ids('app.full_consortia'))
      OR EXISTS (SELECT 1 FROM assignment x WHERE x.objective_id = shared_objective_line.objective_id)`,
  ],
  ...['status_event', 'evidence'].flatMap((table): [string, string, string, string][] => [
    [
      `${table}_select`,
      table,
      'FOR SELECT TO rtd_app USING',
      `consortium_id = ANY (app_ids('app.full_consortia')) OR comune_id = ANY (app_ids('app.comuni'))
        OR ${DELEGATE_OF_ASSIGNMENT}`,
    ],
    [
      `${table}_insert`,
      table,
      'FOR INSERT TO rtd_app WITH CHECK',
      `consortium_id = ANY (app_ids('app.manage_consortia')) OR comune_id = ANY (app_ids('app.referent_comuni'))
        OR ${DELEGATE_OF_ASSIGNMENT}`,
    ],
  ]),
];

export class CorrelatedPolicies1764000007000 implements MigrationInterface {
  name = 'CorrelatedPolicies1764000007000';

  async up(q: QueryRunner): Promise<void> {
    for (const [name, table, command, clause] of POLICIES) {
      await q.query(`DROP POLICY ${name} ON ${table}`);
      await q.query(`CREATE POLICY ${name} ON ${table} ${command} (${clause})`);
    }
  }

  async down(): Promise<void> {
    // The previous policies allowed the same rows; migrations/1764000002000 recreates them if needed.
  }
}
