import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Nightly jobs (compliance snapshots, daily digests) visit every consortium in turn. They used to
 * list them as the platform admin (`app.admin`), which opens every table; now they ask for the
 * one right they need: the `app.list_consortia` flag (JobContext.listingConsortia in
 * libs/authz/src/job-context.ts) lets a transaction read the consortium table and nothing else.
 * Each consortium is then visited with its own tenant settings. The flag is read once per
 * statement (a sub-select: an InitPlan), as every policy does.
 */
export class JobConsortiumListing1764000016000 implements MigrationInterface {
  name = 'JobConsortiumListing1764000016000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE POLICY consortium_job_listing ON consortium FOR SELECT TO rtd_app USING ((SELECT app_flag('app.list_consortia')))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP POLICY IF EXISTS consortium_job_listing ON consortium`);
  }
}
