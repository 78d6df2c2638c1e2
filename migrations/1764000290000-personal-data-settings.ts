import { MigrationInterface, QueryRunner } from 'typeorm';

const DEFINER = `SECURITY DEFINER SET search_path = public, pg_temp`;

/** The functions of this migration the application role may call, with their signatures. */
const CALLABLE = [
  'app_personal_notification_settings()',
  'app_pseudonymise_notification_settings(text)',
  'app_personal_calendar_feed()',
  'app_pseudonymise_calendar_feed(text)',
];

/**
 * A person's data request (migration 1764000101000) reaches the tables added since: the
 * notification preferences and digest items (notifications, migration 1764000250000) and the
 * calendar feed (calendar, migration 1764000255000). Same rules as there: one collecting and one
 * pseudonymising function per owning library, SECURITY DEFINER, refusing to run outside the
 * operator's data request (app_data_subject()).
 *
 * - Export: the person's choices per kind of notice, the lines waiting for (or already sent in)
 *   their digest, and whether they have a calendar address (when made, when renewed; never its
 *   token, which is stored only as a hash anyway).
 * - Pseudonymisation deletes them: preferences and digest lines are about a person who has left
 *   (their roles are revoked, nothing more is sent to them), and their calendar address stops
 *   answering at once instead of serving an empty calendar. Nothing else refers to these rows.
 */
export class PersonalDataSettings1764000290000 implements MigrationInterface {
  name = 'PersonalDataSettings1764000290000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION app_personal_notification_settings() RETURNS jsonb LANGUAGE sql STABLE ${DEFINER} AS $$
        SELECT jsonb_build_object(
          'preferences', coalesce((
            SELECT jsonb_agg(jsonb_build_object('kind', p.kind, 'delivery', p.delivery, 'updatedAt', p.updated_at)
                             ORDER BY p.kind)
              FROM notification_preference p WHERE p.person_id = s.person_id), '[]'::jsonb),
          'digestItems', coalesce((
            SELECT jsonb_agg(jsonb_build_object('consortiumId', d.consortium_id, 'kind', d.kind, 'line', d.line,
                             'link', d.link, 'createdAt', d.created_at, 'digestedOn', d.digested_on)
                             ORDER BY d.created_at, d.id)
              FROM notification_digest_item d WHERE d.person_id = s.person_id), '[]'::jsonb))
        FROM app_data_subject() s
      $$`);
    await q.query(`
      CREATE FUNCTION app_personal_calendar_feed() RETURNS jsonb LANGUAGE sql STABLE ${DEFINER} AS $$
        SELECT (SELECT jsonb_build_object('createdAt', f.created_at, 'regeneratedAt', f.regenerated_at)
                  FROM calendar_feed f WHERE f.person_id = s.person_id)
          FROM app_data_subject() s
      $$`);
    const writer = (name: string, body: string) =>
      q.query(`
        CREATE FUNCTION ${name}(pseudonym text) RETURNS integer LANGUAGE plpgsql VOLATILE ${DEFINER} AS $$
        DECLARE
          s record;
          n integer := 0;
          more integer;
        BEGIN
          PERFORM app_pseudonym_checked(pseudonym);
          SELECT * INTO STRICT s FROM app_data_subject();
          ${body}
          RETURN n;
        END $$`);
    await writer(
      'app_pseudonymise_notification_settings',
      `DELETE FROM notification_preference WHERE person_id = s.person_id;
       GET DIAGNOSTICS n = ROW_COUNT;
       DELETE FROM notification_digest_item WHERE person_id = s.person_id;
       GET DIAGNOSTICS more = ROW_COUNT;
       n := n + more;`,
    );
    await writer(
      'app_pseudonymise_calendar_feed',
      `DELETE FROM calendar_feed WHERE person_id = s.person_id;
       GET DIAGNOSTICS n = ROW_COUNT;`,
    );
    for (const fn of CALLABLE) {
      await q.query(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`);
      await q.query(`GRANT EXECUTE ON FUNCTION ${fn} TO rtd_app`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const fn of CALLABLE) await q.query(`DROP FUNCTION ${fn}`);
  }
}
