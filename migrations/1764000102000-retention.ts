import { MigrationInterface, QueryRunner } from 'typeorm';

const FUNCTIONS = [
  'app_purge_mail_deliveries(integer)',
  'app_purge_processed_outbox(integer)',
  'app_purge_export_files(integer)',
];

/**
 * Retention (docs/operations.md, "Retention"): the nightly job of libs/privacy deletes what has
 * been kept long enough, each kind through its owner's function. The job acts as the system
 * subject `system:retention` (signed, JobContext) and these functions answer that subject only:
 * no tenant's rights, no admin, and nothing but deleting rows older than the period given.
 */
export class Retention1764000102000 implements MigrationInterface {
  name = 'Retention1764000102000';

  async up(q: QueryRunner): Promise<void> {
    const purge = (name: string, body: string) =>
      q.query(`
        CREATE FUNCTION ${name}(days integer) RETURNS integer
        LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
        DECLARE
          n integer;
        BEGIN
          IF app_text('app.subject') IS DISTINCT FROM 'system:retention' THEN
            RAISE EXCEPTION 'only the retention job deletes by age' USING ERRCODE = '42501';
          END IF;
          IF days IS NULL OR days < 1 THEN
            RAISE EXCEPTION 'a retention period is a day or more' USING ERRCODE = '22023';
          END IF;
          ${body}
          GET DIAGNOSTICS n = ROW_COUNT;
          RETURN n;
        END $$`);
    // The record of each mail (recipient, subject): once old enough, nothing retries it any more.
    await purge(
      'app_purge_mail_deliveries',
      `DELETE FROM mail_delivery WHERE coalesce(sent_at, claimed_at) < now() - make_interval(days => days);`,
    );
    // Background work done: its payload (who asked for a file) and its request id.
    await purge(
      'app_purge_processed_outbox',
      `DELETE FROM outbox WHERE processed_at < now() - make_interval(days => days);`,
    );
    // Any file, whatever its own expiry (the nightly expired-files job deletes those first).
    await purge(
      'app_purge_export_files',
      `DELETE FROM export_job WHERE requested_at < now() - make_interval(days => days);`,
    );
    await q.query(
      `CREATE INDEX outbox_processed_idx ON outbox (processed_at) WHERE processed_at IS NOT NULL`,
    );
    await q.query(`CREATE INDEX mail_delivery_claimed_idx ON mail_delivery (claimed_at)`);
    for (const fn of FUNCTIONS) {
      await q.query(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`);
      await q.query(`GRANT EXECUTE ON FUNCTION ${fn} TO rtd_app`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX mail_delivery_claimed_idx, outbox_processed_idx`);
    for (const fn of FUNCTIONS) await q.query(`DROP FUNCTION ${fn}`);
  }
}
