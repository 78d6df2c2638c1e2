import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Calendar feeds (issue 22, docs/calendar.md).
 *
 * - `calendar_feed`, owned by libs/calendar: one row per person who asked for a feed. The secret
 *   of the feed's URL is never stored: only its SHA-256 (`token_hash`) and the random `nonce` it is
 *   derived from with the server's key (HMAC), so that a copy of the database alone opens no feed.
 *   A person reads and writes their own row only (row-level security on `app_person()`).
 * - `app_calendar_feed_person(hash)` (SECURITY DEFINER): the one way to find whose feed a URL is,
 *   before any context exists (a calendar application cannot log in). It answers the person's id,
 *   subject and fiscal code for that exact hash, nothing else; the feed is then read under that
 *   person's own narrow context.
 * - `due_date_changes` on `shared_objective` and `assignment`: how many times the due date moved,
 *   counted by a trigger, so that a feed's SEQUENCE is derived from the history and stays the
 *   same between fetches. Nobody sets it by hand: the trigger recomputes it on every update of
 *   either column.
 */
const DEFINER = `SECURITY DEFINER SET search_path = public, pg_temp`;
const SELF = `person_id = (SELECT app_person())`;

export class CalendarFeeds1764000255000 implements MigrationInterface {
  name = 'CalendarFeeds1764000255000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE calendar_feed (
        person_id uuid PRIMARY KEY REFERENCES person(id) ON DELETE CASCADE,
        nonce bytea NOT NULL CHECK (octet_length(nonce) = 32),
        token_hash bytea NOT NULL UNIQUE CHECK (octet_length(token_hash) = 32),
        created_at timestamptz NOT NULL DEFAULT now(),
        regenerated_at timestamptz
      );
      ALTER TABLE calendar_feed ENABLE ROW LEVEL SECURITY;
      ALTER TABLE calendar_feed FORCE ROW LEVEL SECURITY;
      CREATE POLICY calendar_feed_owner ON calendar_feed TO rtd_owner USING (true) WITH CHECK (true);
      CREATE POLICY calendar_feed_select ON calendar_feed FOR SELECT TO rtd_app USING (${SELF});
      CREATE POLICY calendar_feed_insert ON calendar_feed FOR INSERT TO rtd_app WITH CHECK (${SELF});
      CREATE POLICY calendar_feed_update ON calendar_feed FOR UPDATE TO rtd_app USING (${SELF}) WITH CHECK (${SELF});
      GRANT SELECT, INSERT, UPDATE ON calendar_feed TO rtd_app;

      CREATE FUNCTION app_calendar_feed_person(hash bytea)
        RETURNS TABLE (person_id uuid, subject text, fiscal_code text) LANGUAGE sql STABLE ${DEFINER} AS $$
        SELECT f.person_id, p.subject, p.fiscal_code::text
          FROM calendar_feed f JOIN person p ON p.id = f.person_id
         WHERE f.token_hash = hash AND octet_length(hash) = 32
      $$;
      REVOKE ALL ON FUNCTION app_calendar_feed_person(bytea) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION app_calendar_feed_person(bytea) TO rtd_app;

      ALTER TABLE shared_objective ADD COLUMN due_date_changes integer NOT NULL DEFAULT 0;
      ALTER TABLE assignment ADD COLUMN due_date_changes integer NOT NULL DEFAULT 0;
      CREATE FUNCTION count_due_date_changes() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.due_date_changes := OLD.due_date_changes
          + CASE WHEN NEW.due_date IS DISTINCT FROM OLD.due_date THEN 1 ELSE 0 END;
        RETURN NEW;
      END $$;
      CREATE TRIGGER shared_objective_due_date_changes BEFORE UPDATE OF due_date, due_date_changes
        ON shared_objective FOR EACH ROW EXECUTE FUNCTION count_due_date_changes();
      CREATE TRIGGER assignment_due_date_changes BEFORE UPDATE OF due_date, due_date_changes
        ON assignment FOR EACH ROW EXECUTE FUNCTION count_due_date_changes();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER assignment_due_date_changes ON assignment;
      DROP TRIGGER shared_objective_due_date_changes ON shared_objective;
      DROP FUNCTION count_due_date_changes();
      ALTER TABLE assignment DROP COLUMN due_date_changes;
      ALTER TABLE shared_objective DROP COLUMN due_date_changes;
      DROP FUNCTION app_calendar_feed_person(bytea);
      DROP TABLE calendar_feed;
    `);
  }
}
