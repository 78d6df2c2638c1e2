import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per e-mail, keyed by the event it announces: a retried, restarted or concurrent job
 * finds the row and does not send the same mail twice.
 */
export class MailDelivery1764000004000 implements MigrationInterface {
  name = 'MailDelivery1764000004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE mail_delivery (
        dedupe_key text PRIMARY KEY CHECK (length(dedupe_key) BETWEEN 1 AND 300),
        consortium_id uuid REFERENCES consortium(id) ON DELETE CASCADE,
        recipient text NOT NULL,
        subject text NOT NULL,
        message_id text NOT NULL,
        -- Claimed before sending, sent after: two jobs never send the same mail at once, and a
        -- claim left by a crashed worker can be taken over after a while.
        claimed_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      )`);
    await q.query(
      `CREATE INDEX mail_delivery_consortium_idx ON mail_delivery (consortium_id, claimed_at DESC)`,
    );
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON mail_delivery TO rtd_app`);
    await q.query(`ALTER TABLE mail_delivery ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE mail_delivery FORCE ROW LEVEL SECURITY`);
    await q.query(
      `CREATE POLICY mail_delivery_owner ON mail_delivery TO rtd_owner USING (true) WITH CHECK (true)`,
    );
    // Only background jobs (the relay's flag) send mail and read what was sent.
    await q.query(
      `CREATE POLICY mail_delivery_jobs ON mail_delivery TO rtd_app USING (app_flag('app.relay')) WITH CHECK (app_flag('app.relay'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE mail_delivery`);
  }
}
