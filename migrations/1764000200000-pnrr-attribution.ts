import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PNRR funding complete and honest (issue 21): every measure's applications, of every body
 * (the comune's own, its schools', other bodies'), each attributed by `tipologia_ente` and kept
 * with the file it came from and the date that file's data is as of; each measure keeps the
 * as-of date of the comuni's file. Reference data, still written only by the importer.
 */
export class PnrrAttribution1764000200000 implements MigrationInterface {
  name = 'PnrrAttribution1764000200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE pnrr_application
        ADD COLUMN body_kind text NOT NULL DEFAULT 'COMUNE' CHECK (body_kind IN ('COMUNE', 'SCHOOL', 'OTHER')),
        ADD COLUMN body_type text NOT NULL DEFAULT '',
        ADD COLUMN source_file text NOT NULL DEFAULT '',
        ADD COLUMN as_of date`);
    await q.query(`CREATE INDEX pnrr_application_region_idx ON pnrr_application (region_code, body_kind)`);
    await q.query(`
      ALTER TABLE pnrr_measure
        ADD COLUMN as_of date,
        ADD COLUMN source_file text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX pnrr_application_region_idx`);
    await q.query(
      `ALTER TABLE pnrr_application DROP COLUMN body_kind, DROP COLUMN body_type, DROP COLUMN source_file, DROP COLUMN as_of`,
    );
    await q.query(`ALTER TABLE pnrr_measure DROP COLUMN as_of, DROP COLUMN source_file`);
  }
}
