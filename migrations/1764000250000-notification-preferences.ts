import { MigrationInterface, QueryRunner } from 'typeorm';

const KINDS = `('NEW_ASSIGNMENTS', 'SUBMISSIONS', 'CHANGES', 'REMINDERS', 'DEADLINES')`;

/**
 * Notifications (issue 22):
 * - notification_preference: how each person wants each kind of mail (at once, in the daily
 *   summary, off); a missing row is the kind's default. A person reads and writes only their own
 *   rows; background jobs (the relay's flag) read them all and write them for the unsubscribe link.
 * - notification_digest_item: a notice waiting for the person's daily summary (jobs only).
 * - mail_delivery.claimed_by: the job that claimed a mail, so that its rerun after a worker was
 *   killed mid-send takes the claim over at once instead of after ten minutes.
 * - status_event.reminded_on: the day (Rome) of an office's reminder ("Sollecita"), recorded in the
 *   history; at most one per assignment and day.
 */
export class NotificationPreferences1764000250000 implements MigrationInterface {
  name = 'NotificationPreferences1764000250000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_preference (
        person_id uuid NOT NULL REFERENCES person(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ${KINDS}),
        delivery text NOT NULL CHECK (delivery IN ('IMMEDIATE', 'DIGEST', 'OFF')),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (person_id, kind)
      )`);
    await q.query(`
      CREATE TABLE notification_digest_item (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        dedupe_key text NOT NULL UNIQUE CHECK (length(dedupe_key) BETWEEN 1 AND 300),
        person_id uuid NOT NULL REFERENCES person(id) ON DELETE CASCADE,
        consortium_id uuid REFERENCES consortium(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ${KINDS}),
        line text NOT NULL CHECK (length(line) <= 2000),
        link text NOT NULL CHECK (length(link) <= 2000),
        created_at timestamptz NOT NULL DEFAULT now(),
        digested_on date
      )`);
    await q.query(
      `CREATE INDEX notification_digest_item_pending_idx ON notification_digest_item (person_id) WHERE digested_on IS NULL`,
    );
    for (const table of ['notification_preference', 'notification_digest_item']) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await q.query(`CREATE POLICY ${table}_owner ON ${table} TO rtd_owner USING (true) WITH CHECK (true)`);
      await q.query(
        `CREATE POLICY ${table}_jobs ON ${table} TO rtd_app USING ((SELECT app_flag('app.relay'))) WITH CHECK ((SELECT app_flag('app.relay')))`,
      );
    }
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON notification_preference TO rtd_app`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON notification_digest_item TO rtd_app`);
    await q.query(
      `CREATE POLICY notification_preference_own ON notification_preference TO rtd_app
         USING (person_id = (SELECT app_person())) WITH CHECK (person_id = (SELECT app_person()))`,
    );

    // The job that claimed a mail (queue:job id): its own rerun after a kill takes the claim over.
    await q.query(`ALTER TABLE mail_delivery ADD COLUMN claimed_by text`);
    // A comune's submission tells the office (the RTD office may insert any notice of its own):
    // the referent or delegate who submits writes the notice of that assignment, nothing else.
    await q.query(`CREATE POLICY outbox_insert_submission ON outbox FOR INSERT TO rtd_app WITH CHECK (
      topic = 'notifications' AND (payload ->> 'kind') = 'submitted'
      AND (payload ->> 'consortiumId') IS NOT DISTINCT FROM consortium_id::text
      AND EXISTS (SELECT 1 FROM assignment a
                   WHERE a.id::text = (payload ->> 'assignmentId') AND a.consortium_id = outbox.consortium_id
                     AND a.status = 'SUBMITTED'))`);
    await q.query(`ALTER TABLE status_event ADD COLUMN reminded_on date`);
    await q.query(
      `CREATE UNIQUE INDEX status_event_reminder_day ON status_event (assignment_id, reminded_on) WHERE reminded_on IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX status_event_reminder_day`);
    await q.query(`DROP POLICY outbox_insert_submission ON outbox`);
    await q.query(`ALTER TABLE status_event DROP COLUMN reminded_on`);
    await q.query(`ALTER TABLE mail_delivery DROP COLUMN claimed_by`);
    await q.query(`DROP TABLE notification_digest_item, notification_preference`);
  }
}
