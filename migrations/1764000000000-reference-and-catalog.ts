import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Municipalities (ISTAT reference data), consortia and their members, and the Piano
 * Triennale catalogue. Tables are owned by the migration role; the application role
 * `rtd_app` gets only the privileges it needs.
 */
export class ReferenceAndCatalog1764000000000 implements MigrationInterface {
  name = 'ReferenceAndCatalog1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);

    await q.query(`
      CREATE TABLE comune (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        istat_code char(6) NOT NULL UNIQUE CHECK (istat_code ~ '^[0-9]{6}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        province_code char(3) NOT NULL CHECK (province_code ~ '^[0-9]{3}$'),
        province_name text NOT NULL,
        province_abbreviation varchar(2) NOT NULL,
        region_code char(2) NOT NULL CHECK (region_code ~ '^[0-9]{2}$'),
        region_name text NOT NULL,
        cadastral_code char(4) NOT NULL,
        population integer NOT NULL CHECK (population >= 0),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX comune_region_province_idx ON comune (region_code, province_code)`);
    await q.query(`CREATE INDEX comune_name_idx ON comune (name, istat_code)`);

    await q.query(`
      CREATE TABLE consortium (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text NOT NULL
      )`);

    // A municipality belongs to at most one consortium: comune_id is the key.
    await q.query(`
      CREATE TABLE consortium_member (
        comune_id uuid PRIMARY KEY REFERENCES comune(id) ON DELETE RESTRICT,
        consortium_id uuid NOT NULL REFERENCES consortium(id) ON DELETE CASCADE,
        joined_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX consortium_member_consortium_idx ON consortium_member (consortium_id, comune_id)`,
    );

    await q.query(`
      CREATE TABLE plan_edition (
        code text PRIMARY KEY CHECK (code ~ '^[0-9]{4}-[0-9]{4}$'),
        title text NOT NULL,
        imported_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE plan_chapter (
        edition_code text NOT NULL REFERENCES plan_edition(code) ON DELETE CASCADE,
        number smallint NOT NULL CHECK (number BETWEEN 1 AND 99),
        title text NOT NULL,
        PRIMARY KEY (edition_code, number)
      )`);
    await q.query(`
      CREATE TABLE plan_line (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        edition_code text NOT NULL,
        code text NOT NULL CHECK (code ~ '^(CAP[0-9]+\\.PA\\.(LA)?[0-9]+|LOC\\.CAP[0-9]+\\.[0-9]+)$'),
        chapter smallint NOT NULL,
        objective_codes text[] NOT NULL DEFAULT '{}',
        text text NOT NULL CHECK (length(text) BETWEEN 1 AND 5000),
        deadline_kind text NOT NULL CHECK (deadline_kind IN ('FROM', 'BY', 'NONE')),
        deadline date,
        min_population integer CHECK (min_population IS NULL OR min_population > 0),
        is_local boolean NOT NULL DEFAULT false,
        search_text text NOT NULL,
        UNIQUE (edition_code, code),
        FOREIGN KEY (edition_code, chapter) REFERENCES plan_chapter(edition_code, number) ON DELETE CASCADE,
        CHECK ((deadline_kind = 'NONE') = (deadline IS NULL))
      )`);
    await q.query(`CREATE INDEX plan_line_edition_chapter_idx ON plan_line (edition_code, chapter, code)`);
    await q.query(`CREATE INDEX plan_line_search_idx ON plan_line USING gin (search_text gin_trgm_ops)`);

    for (const table of [
      'comune',
      'consortium',
      'consortium_member',
      'plan_edition',
      'plan_chapter',
      'plan_line',
    ]) {
      await q.query(`GRANT SELECT ON ${table} TO rtd_app`);
    }
    // Consortia are created and their members changed through the API.
    await q.query(`GRANT INSERT, UPDATE, DELETE ON consortium, consortium_member TO rtd_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE plan_line, plan_chapter, plan_edition, consortium_member, consortium, comune`);
  }
}
