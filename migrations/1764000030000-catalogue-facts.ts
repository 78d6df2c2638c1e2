import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 20: facts an office can trust.
 *
 * - `plan_edition` becomes the edition registry: period, source (format, description, address,
 *   revision, licence), the edition it supersedes (current or superseded follows from it), the
 *   codes its source misprints. Codes may carry a suffix ("2024-2026-agg-2025").
 * - `plan_line` keeps what the rule tables read (libs/catalog/src/facts): every deadline with its
 *   qualifier, the population band (an upper bound too), the kinds of body, which comuni that
 *   leaves (`comuni_scope`), the conditions no data decides, the printed words and corrections,
 *   where the source prints it.
 * - `plan_line_succession` maps each line to its successors in the next edition (or says it was
 *   dropped, and why), with the evidence.
 * - `shared_objective.carried_from_id`: a draft carried forward onto the successor lines.
 * - `comune`: the date and source of its population (ISTAT at 1 January 2021, or the 2011
 *   census where no later figure exists), and whether it is the capital of a metropolitan city.
 *
 * The operator imports an edition over GraphQL as the application role with app.admin: the
 * catalogue tables accept that role's writes, nobody else's. The import checks which lines
 * objectives use through plan_line_in_use, which app.admin cannot read through row-level security
 * (the operator reads no objective): the view now answers with its owner's rights, giving line ids
 * only.
 */
const ADMIN = `(SELECT app_flag('app.admin'))`;
const LINE_VISIBLE = `EXISTS (SELECT 1 FROM plan_line l WHERE l.id = plan_line_succession.from_line_id)`;

export class CatalogueFacts1764000030000 implements MigrationInterface {
  name = 'CatalogueFacts1764000030000';

  async up(q: QueryRunner): Promise<void> {
    await this.registry(q);
    await this.lineFacts(q);
    await this.succession(q);
    await q.query(
      `ALTER TABLE shared_objective ADD COLUMN carried_from_id uuid REFERENCES shared_objective(id) ON DELETE SET NULL`,
    );
    await q.query(
      `CREATE INDEX shared_objective_carried_from_idx ON shared_objective (carried_from_id) WHERE carried_from_id IS NOT NULL`,
    );
    await q.query(`
      ALTER TABLE comune
        ADD COLUMN population_date date NOT NULL DEFAULT '2011-10-09',
        ADD COLUMN population_source text NOT NULL DEFAULT 'ISTAT, censimento 2011',
        ADD COLUMN metropolitan_capital boolean NOT NULL DEFAULT false`);
    await this.operatorWrites(q);
    await q.query(`DROP VIEW plan_line_in_use`);
    await q.query(`CREATE VIEW plan_line_in_use AS SELECT DISTINCT plan_line_id FROM shared_objective_line`);
    await q.query(`GRANT SELECT ON plan_line_in_use TO rtd_app`);
  }

  private async registry(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE plan_edition DROP CONSTRAINT plan_edition_code_check`);
    await q.query(
      `ALTER TABLE plan_edition ADD CONSTRAINT plan_edition_code_check CHECK (code ~ '^[0-9]{4}-[0-9]{4}(-[a-z0-9]+)*$')`,
    );
    await q.query(`
      ALTER TABLE plan_edition
        ADD COLUMN period_from smallint,
        ADD COLUMN period_to smallint,
        ADD COLUMN supersedes text REFERENCES plan_edition(code),
        ADD COLUMN published_on date,
        ADD COLUMN source_format text NOT NULL DEFAULT 'rst' CHECK (source_format IN ('rst', 'jsonl')),
        ADD COLUMN source_description text NOT NULL DEFAULT '',
        ADD COLUMN source_url text,
        ADD COLUMN source_revision text,
        ADD COLUMN source_licence text,
        ADD COLUMN code_repairs jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN created_at timestamptz NOT NULL DEFAULT now()`);
    await q.query(
      `UPDATE plan_edition SET period_from = substr(code, 1, 4)::smallint, period_to = substr(code, 6, 4)::smallint`,
    );
    await q.query(`
      ALTER TABLE plan_edition
        ALTER COLUMN period_from SET NOT NULL, ALTER COLUMN period_to SET NOT NULL,
        ADD CONSTRAINT plan_edition_period_check CHECK (period_from <= period_to),
        ADD CONSTRAINT plan_edition_supersedes_check CHECK (supersedes IS DISTINCT FROM code)`);
  }

  private async lineFacts(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE plan_line
        ADD COLUMN printed text NOT NULL DEFAULT '',
        ADD COLUMN deadlines jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN max_population integer CHECK (max_population IS NULL OR max_population > 0),
        ADD COLUMN bodies text[] NOT NULL DEFAULT '{}',
        ADD COLUMN comuni_scope text NOT NULL DEFAULT 'ALL'
          CHECK (comuni_scope IN ('ALL', 'METROPOLITAN_CAPITALS', 'NONE')),
        ADD COLUMN conditions text[] NOT NULL DEFAULT '{}',
        ADD COLUMN corrections jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN source_file text,
        ADD COLUMN source_line integer,
        ADD CONSTRAINT plan_line_band_check
          CHECK (min_population IS NULL OR max_population IS NULL OR min_population <= max_population)`);
  }

  private async succession(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE plan_line_succession (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        from_edition text NOT NULL REFERENCES plan_edition(code) ON DELETE CASCADE,
        to_edition text NOT NULL REFERENCES plan_edition(code) ON DELETE CASCADE,
        from_line_id uuid NOT NULL REFERENCES plan_line(id) ON DELETE CASCADE,
        to_line_id uuid REFERENCES plan_line(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('UNCHANGED', 'REWORDED', 'SPLIT', 'MERGED', 'DROPPED')),
        similarity real CHECK (similarity IS NULL OR similarity BETWEEN 0 AND 1),
        shared_objectives text[] NOT NULL DEFAULT '{}',
        citation text,
        note text,
        reviewed boolean NOT NULL DEFAULT false,
        CHECK ((kind = 'DROPPED') = (to_line_id IS NULL)),
        CHECK (kind <> 'DROPPED' OR note IS NOT NULL),
        CHECK (from_edition <> to_edition),
        UNIQUE NULLS NOT DISTINCT (from_line_id, to_line_id)
      )`);
    await q.query(`CREATE INDEX plan_line_succession_to_idx ON plan_line_succession (to_line_id)`);
    await q.query(
      `CREATE INDEX plan_line_succession_editions_idx ON plan_line_succession (from_edition, to_edition)`,
    );
    await q.query(`GRANT SELECT ON plan_line_succession TO rtd_app`);
    await q.query(`ALTER TABLE plan_line_succession ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE plan_line_succession FORCE ROW LEVEL SECURITY`);
    await q.query(
      `CREATE POLICY plan_line_succession_owner ON plan_line_succession TO rtd_owner USING (true) WITH CHECK (true)`,
    );
    // A mapping is read with its first line: a consortium's local line maps only for its own people.
    await q.query(
      `CREATE POLICY plan_line_succession_select ON plan_line_succession FOR SELECT TO rtd_app USING (${LINE_VISIBLE})`,
    );
  }

  /** The operator's import over GraphQL: app.admin writes the catalogue; every role reads it. */
  private async operatorWrites(q: QueryRunner): Promise<void> {
    for (const table of ['plan_edition', 'plan_chapter']) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await q.query(`CREATE POLICY ${table}_owner ON ${table} TO rtd_owner USING (true) WITH CHECK (true)`);
      await q.query(`CREATE POLICY ${table}_select ON ${table} FOR SELECT TO rtd_app USING (true)`);
    }
    for (const table of ['plan_edition', 'plan_chapter', 'plan_line', 'plan_line_succession']) {
      await q.query(`GRANT INSERT, UPDATE, DELETE ON ${table} TO rtd_app`);
      await q.query(`CREATE POLICY ${table}_insert ON ${table} FOR INSERT TO rtd_app WITH CHECK (${ADMIN})`);
      await q.query(
        `CREATE POLICY ${table}_update ON ${table} FOR UPDATE TO rtd_app USING (${ADMIN}) WITH CHECK (${ADMIN})`,
      );
      await q.query(`CREATE POLICY ${table}_delete ON ${table} FOR DELETE TO rtd_app USING (${ADMIN})`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW plan_line_in_use`);
    await q.query(`CREATE VIEW plan_line_in_use WITH (security_invoker = true) AS
        SELECT DISTINCT plan_line_id FROM shared_objective_line`);
    await q.query(`GRANT SELECT ON plan_line_in_use TO rtd_app`);
    for (const table of ['plan_edition', 'plan_chapter', 'plan_line']) {
      for (const kind of ['insert', 'update', 'delete'])
        await q.query(`DROP POLICY ${table}_${kind} ON ${table}`);
      await q.query(`REVOKE INSERT, UPDATE, DELETE ON ${table} FROM rtd_app`);
    }
    for (const table of ['plan_edition', 'plan_chapter']) {
      await q.query(`DROP POLICY ${table}_select ON ${table}`);
      await q.query(`DROP POLICY ${table}_owner ON ${table}`);
      await q.query(`ALTER TABLE ${table} NO FORCE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`);
    }
    await q.query(`ALTER TABLE comune DROP COLUMN population_date, DROP COLUMN population_source,
      DROP COLUMN metropolitan_capital`);
    await q.query(`ALTER TABLE shared_objective DROP COLUMN carried_from_id`);
    await q.query(`DROP TABLE plan_line_succession`);
    await q.query(`ALTER TABLE plan_line DROP CONSTRAINT plan_line_band_check,
      DROP COLUMN printed, DROP COLUMN deadlines, DROP COLUMN max_population, DROP COLUMN bodies,
      DROP COLUMN comuni_scope, DROP COLUMN conditions, DROP COLUMN corrections, DROP COLUMN source_file,
      DROP COLUMN source_line`);
    await q.query(`ALTER TABLE plan_edition DROP CONSTRAINT plan_edition_period_check,
      DROP CONSTRAINT plan_edition_supersedes_check,
      DROP COLUMN period_from, DROP COLUMN period_to, DROP COLUMN supersedes, DROP COLUMN published_on,
      DROP COLUMN source_format, DROP COLUMN source_description, DROP COLUMN source_url,
      DROP COLUMN source_revision, DROP COLUMN source_licence, DROP COLUMN code_repairs, DROP COLUMN created_at`);
    await q.query(`ALTER TABLE plan_edition DROP CONSTRAINT plan_edition_code_check`);
    await q.query(
      `ALTER TABLE plan_edition ADD CONSTRAINT plan_edition_code_check CHECK (code ~ '^[0-9]{4}-[0-9]{4}$')`,
    );
  }
}
