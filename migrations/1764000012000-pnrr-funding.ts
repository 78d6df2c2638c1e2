import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PNRR funding per municipality ("PA digitale 2026" open data, CC BY 4.0): the measures, their
 * calls, the funded applications of each municipality, the total funded per municipality, and
 * the curated mapping of each measure to the plan lines it serves. Reference data like the
 * catalogue: public, read by every role, written only by the importer (owner role).
 *
 * Every row carries `row_key`, a digest of its content, so that the importer writes only what
 * changed (libs/pnrr/src/pnrr-importer.ts). Region and province codes are copied from ISTAT's
 * register at import, so totals per region need no other domain's table.
 */
export class PnrrFunding1764000012000 implements MigrationInterface {
  name = 'PnrrFunding1764000012000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE pnrr_measure (
        row_key text PRIMARY KEY,
        code text NOT NULL UNIQUE CHECK (code ~ '^[0-9]+(\\.[0-9]+)*$'),
        title text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE pnrr_call (
        row_key text PRIMARY KEY,
        title text NOT NULL UNIQUE,
        measure_code text NOT NULL,
        opens_on date,
        closes_on date,
        status text NOT NULL,
        allocated_amount numeric(16, 2),
        recipients text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE pnrr_application (
        row_key text PRIMARY KEY,
        istat_code char(6) NOT NULL,
        region_code char(2) NOT NULL,
        ipa_code text NOT NULL,
        body_name text NOT NULL,
        call_title text NOT NULL,
        measure_code text NOT NULL,
        amount numeric(14, 2) NOT NULL CHECK (amount >= 0),
        status char(1) NOT NULL CHECK (status IN ('A', 'R', 'E')),
        status_date date,
        funded_on date,
        cup text NOT NULL
      )`);
    await q.query(`CREATE INDEX pnrr_application_istat_idx ON pnrr_application (istat_code)`);
    await q.query(`
      CREATE TABLE pnrr_comune_amount (
        row_key text PRIMARY KEY,
        istat_code char(6) NOT NULL UNIQUE,
        region_code char(2) NOT NULL,
        amount numeric(14, 2) NOT NULL CHECK (amount >= 0),
        source_names text[] NOT NULL
      )`);
    await q.query(`CREATE INDEX pnrr_comune_amount_region_idx ON pnrr_comune_amount (region_code)`);
    await q.query(`
      CREATE TABLE pnrr_measure_line (
        row_key text PRIMARY KEY,
        measure_code text NOT NULL,
        edition_code text NOT NULL,
        line_code text NOT NULL,
        justification text NOT NULL,
        source text NOT NULL,
        UNIQUE (edition_code, line_code, measure_code)
      )`);
    for (const table of [
      'pnrr_measure',
      'pnrr_call',
      'pnrr_application',
      'pnrr_comune_amount',
      'pnrr_measure_line',
    ]) {
      await q.query(`GRANT SELECT ON ${table} TO rtd_app`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP TABLE pnrr_measure_line, pnrr_comune_amount, pnrr_application, pnrr_call, pnrr_measure`,
    );
  }
}
