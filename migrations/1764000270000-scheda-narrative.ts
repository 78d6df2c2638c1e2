import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The scheda per comune's «Breve descrizione dello stato dell'arte» (issue 24, seed 003's
 * Allegato 1): one paragraph per comune, written by its consortium's RTD office (RTD or staff),
 * printed in the scheda and shown on the comune's page.
 *
 * - `scheda_narrative`: one row per consortium and comune (the text, who last wrote it and when).
 *   Owned by the exports library (libs/exports/src/tables.ts).
 * - Row-level security: the office (RTD, staff, auditor) and the comune's people (referent,
 *   viewer, delegate) read it, as they may export the scheda; the RTD and staff write it, with
 *   their own subject as `updated_by`.
 */
export class SchedaNarrative1764000270000 implements MigrationInterface {
  name = 'SchedaNarrative1764000270000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE scheda_narrative (
        consortium_id uuid NOT NULL REFERENCES consortium(id) ON DELETE CASCADE,
        comune_id uuid NOT NULL REFERENCES comune(id) ON DELETE CASCADE,
        text text NOT NULL CHECK (char_length(text) <= 4000),
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consortium_id, comune_id)
      )`);
    await q.query(`ALTER TABLE scheda_narrative ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE scheda_narrative FORCE ROW LEVEL SECURITY`);
    await q.query(
      `CREATE POLICY scheda_narrative_owner ON scheda_narrative TO rtd_owner USING (true) WITH CHECK (true)`,
    );
    const readers = `consortium_id = ANY ((SELECT app_ids('app.full_consortia'))::uuid[])
      OR comune_id = ANY ((SELECT app_ids('app.comuni'))::uuid[])
      OR comune_id = ANY ((SELECT app_ids('app.delegate_comuni'))::uuid[])`;
    const office = `consortium_id = ANY ((SELECT app_ids('app.manage_consortia'))::uuid[])`;
    const writer = `${office} AND updated_by = (SELECT app_text('app.subject'))`;
    await q.query(
      `CREATE POLICY scheda_narrative_select ON scheda_narrative FOR SELECT TO rtd_app USING (${readers})`,
    );
    await q.query(
      `CREATE POLICY scheda_narrative_insert ON scheda_narrative FOR INSERT TO rtd_app WITH CHECK (${writer})`,
    );
    await q.query(
      `CREATE POLICY scheda_narrative_update ON scheda_narrative FOR UPDATE TO rtd_app USING (${office}) WITH CHECK (${writer})`,
    );
    await q.query(`GRANT SELECT, INSERT, UPDATE ON scheda_narrative TO rtd_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE scheda_narrative`);
  }
}
