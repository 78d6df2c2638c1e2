import { MigrationInterface, QueryRunner } from 'typeorm';

const PSEUDONYM = `'^pseudonimo-[0-9a-f]{12}$'`;
const DEFINER = `SECURITY DEFINER SET search_path = public, pg_temp`;

/** The functions of this migration the application role may call, with their signatures. */
const CALLABLE = [
  'app_personal_assignment_records()',
  'app_personal_audit_entries()',
  'app_personal_objectives()',
  'app_personal_files()',
  'app_personal_mails()',
  'app_pseudonymise_identity(text, text)',
  'app_pseudonymise_assignment_records(text)',
  'app_pseudonymise_audit_entries(text)',
  'app_pseudonymise_objectives(text)',
  'app_pseudonymise_files(text)',
  'app_pseudonymise_mails(text)',
  'app_pseudonymise_outbox(text)',
];

/**
 * A person's data on request (GDPR art. 15-17 and 20), answered by the operator (PLATFORM_ADMIN).
 *
 * - `person.pseudonym`: a person who leaves keeps one stable pseudonym (`pseudonimo-` and 12 random
 *   hex digits, never derived from the fiscal code, which could be guessed back); their name,
 *   e-mail and subject are cleared and their fiscal code replaced by `0000` and the same digits
 *   (no fiscal code begins with a digit, so it can never be someone's).
 * - `app.data_request`: the signed setting of the operator's data request on one person, honoured
 *   only beside `app.admin` (app_data_request()). It opens nothing to ordinary queries: the
 *   functions below, SECURITY DEFINER and one per owning library's tables, collect or pseudonymise
 *   that person's rows in every tenant, and refuse to run without it. Each library calls its own
 *   (libs/<library>/src/personal-data.ts); no hot table gets a new policy (nor its cost).
 * - History and audit stay append-only. The one rewrite allowed is pseudonymisation: the
 *   statement trigger lets an UPDATE through only when it runs as the tables' owner (so inside
 *   these functions, never as rtd_app) with `rtd.pseudonymising` on, which only they set, and a
 *   row trigger refuses any change but the actor's subject (and, in the audit log, the details'
 *   identifiers) becoming a pseudonym. Who did what, when, on which entity, in which request,
 *   stays as written: the audit log keeps its meaning.
 */
export class PersonalData1764000101000 implements MigrationInterface {
  name = 'PersonalData1764000101000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE person
        ADD COLUMN pseudonym text UNIQUE CHECK (pseudonym ~ ${PSEUDONYM}),
        ADD COLUMN pseudonymised_at timestamptz,
        ADD CONSTRAINT person_pseudonymised_check CHECK ((pseudonym IS NULL) = (pseudonymised_at IS NULL))`);

    await q.query(`
      CREATE FUNCTION app_data_request() RETURNS uuid LANGUAGE sql STABLE AS $$
        SELECT CASE WHEN app_flag('app.admin') THEN nullif(app_text('app.data_request'), '')::uuid END
      $$`);

    // The person of the request and every string that names them in the records: the subject of
    // their tokens, their fiscal code, and (once pseudonymised) the pseudonym.
    await q.query(`
      CREATE FUNCTION app_data_subject(OUT person_id uuid, OUT identifiers text[], OUT email text)
      LANGUAGE plpgsql STABLE ${DEFINER} AS $$
      DECLARE
        requested uuid := app_data_request();
      BEGIN
        IF requested IS NULL THEN
          RAISE EXCEPTION 'no data request in this transaction' USING ERRCODE = '42501';
        END IF;
        SELECT p.id, array_remove(ARRAY[p.subject, trim(p.fiscal_code), p.pseudonym], NULL), p.email
          INTO person_id, identifiers, email
          FROM person p WHERE p.id = requested;
        IF person_id IS NULL THEN
          RAISE EXCEPTION 'no such person' USING ERRCODE = '42704';
        END IF;
      END $$`);

    // JSON documents (audit details, outbox payloads) name a person by exact string values.
    await q.query(`
      CREATE FUNCTION app_mentions(doc jsonb, identifiers text[]) RETURNS boolean
      LANGUAGE sql IMMUTABLE AS $$
        SELECT EXISTS (SELECT 1 FROM unnest(identifiers) i WHERE strpos(doc::text, to_jsonb(i)::text) > 0)
      $$`);
    await q.query(`
      CREATE FUNCTION app_replace_identifiers(doc jsonb, identifiers text[], pseudonym text) RETURNS jsonb
      LANGUAGE plpgsql IMMUTABLE AS $$
      DECLARE
        t text := doc::text;
        i text;
      BEGIN
        FOREACH i IN ARRAY identifiers LOOP
          t := replace(t, to_jsonb(i)::text, to_jsonb(pseudonym)::text);
        END LOOP;
        RETURN t::jsonb;
      END $$`);
    await q.query(`
      CREATE FUNCTION app_pseudonym_checked(pseudonym text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
      BEGIN
        IF pseudonym IS NULL OR pseudonym !~ ${PSEUDONYM} THEN
          RAISE EXCEPTION 'not a pseudonym: %', pseudonym USING ERRCODE = '22023';
        END IF;
        RETURN pseudonym;
      END $$`);

    await this.historyRewrites(q);
    await this.readers(q);
    await this.writers(q);

    for (const fn of [
      ...CALLABLE,
      'app_data_request()',
      'app_data_subject()',
      'app_mentions(jsonb, text[])',
      'app_replace_identifiers(jsonb, text[], text)',
      'app_pseudonym_checked(text)',
    ]) {
      await q.query(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`);
      await q.query(`GRANT EXECUTE ON FUNCTION ${fn} TO rtd_app`);
    }
  }

  /** Append-only history and audit, but for pseudonymisation by the owner's functions. */
  private async historyRewrites(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION refuse_history_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND current_setting('rtd.pseudonymising', true) = 'on'
           AND current_user = (SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = TG_RELID) THEN
          RETURN NULL;
        END IF;
        RAISE EXCEPTION 'la tabella % è in sola aggiunta: % non consentito', TG_TABLE_NAME, TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE FUNCTION history_pseudonymisation_only() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        kept text[] := CASE TG_TABLE_NAME WHEN 'audit_log' THEN ARRAY['actor_subject', 'details']
                                          ELSE ARRAY['actor_subject'] END;
      BEGIN
        IF (to_jsonb(NEW) - kept) IS DISTINCT FROM (to_jsonb(OLD) - kept)
           OR (NEW.actor_subject IS DISTINCT FROM OLD.actor_subject AND NEW.actor_subject !~ ${PSEUDONYM}) THEN
          RAISE EXCEPTION 'la tabella % è in sola aggiunta: solo la pseudonimizzazione di chi ha agito è consentita',
            TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    for (const table of ['audit_log', 'status_event']) {
      await q.query(`
        CREATE TRIGGER ${table}_pseudonymisation_only BEFORE UPDATE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION history_pseudonymisation_only()`);
    }
  }

  /** What the service holds on the person of the request, per owning library, as JSON. */
  private async readers(q: QueryRunner): Promise<void> {
    // assignments: the history events and evidence they wrote, the assignments delegated to them.
    await q.query(`
      CREATE FUNCTION app_personal_assignment_records() RETURNS jsonb LANGUAGE sql STABLE ${DEFINER} AS $$
        SELECT jsonb_build_object(
          'statusEvents', coalesce((
            SELECT jsonb_agg(jsonb_build_object(
                     'at', e.at, 'assignmentId', e.assignment_id, 'comuneId', e.comune_id,
                     'objectiveTitle', o.title, 'fromStatus', e.from_status, 'toStatus', e.to_status,
                     'progress', e.progress, 'note', e.note, 'requestId', e.request_id) ORDER BY e.id)
              FROM status_event e
              JOIN assignment a ON a.id = e.assignment_id
              JOIN shared_objective o ON o.id = a.objective_id
             WHERE e.actor_person_id = s.person_id OR e.actor_subject = ANY (s.identifiers)), '[]'::jsonb),
          'evidence', coalesce((
            SELECT jsonb_agg(jsonb_build_object(
                     'addedAt', v.added_at, 'assignmentId', v.assignment_id, 'comuneId', v.comune_id,
                     'kind', v.kind, 'url', v.url, 'description', v.description) ORDER BY v.added_at, v.id)
              FROM evidence v
             WHERE v.added_by_person_id = s.person_id OR v.added_by_subject = ANY (s.identifiers)), '[]'::jsonb),
          'delegatedAssignments', coalesce((
            SELECT jsonb_agg(jsonb_build_object(
                     'assignmentId', a.id, 'comuneId', a.comune_id, 'objectiveTitle', o.title,
                     'status', a.status, 'progress', a.progress) ORDER BY a.created_at, a.id)
              FROM assignment a JOIN shared_objective o ON o.id = a.objective_id
             WHERE a.delegate_person_id = s.person_id), '[]'::jsonb))
        FROM app_data_subject() s
      $$`);
    // audit: the entries of what they did, and of what was done about them (their roles).
    await q.query(`
      CREATE FUNCTION app_personal_audit_entries() RETURNS jsonb LANGUAGE sql STABLE ${DEFINER} AS $$
        SELECT coalesce(jsonb_agg(jsonb_build_object(
                 'id', a.id::text, 'at', a.at, 'actor', a.actor_subject,
                 'actedByThePerson', a.actor_person_id IS NOT DISTINCT FROM s.person_id
                                     OR a.actor_subject = ANY (s.identifiers),
                 'action', a.action, 'entityType', a.entity_type, 'entityId', a.entity_id,
                 'consortiumId', a.consortium_id, 'comuneId', a.comune_id, 'requestId', a.request_id,
                 'details', a.details) ORDER BY a.id), '[]'::jsonb)
          FROM audit_log a, app_data_subject() s
         WHERE a.actor_person_id = s.person_id OR a.actor_subject = ANY (s.identifiers)
            OR app_mentions(a.details, s.identifiers)
            OR (a.entity_type = 'Person' AND a.entity_id = s.person_id::text)
            OR (a.entity_type = 'Membership'
                AND a.entity_id IN (SELECT m.id::text FROM membership m WHERE m.person_id = s.person_id))
      $$`);
    // objectives: the objectives they created, the publications they asked for.
    await q.query(`
      CREATE FUNCTION app_personal_objectives() RETURNS jsonb LANGUAGE sql STABLE ${DEFINER} AS $$
        SELECT jsonb_build_object(
          'objectivesCreated', coalesce((
            SELECT jsonb_agg(jsonb_build_object('id', o.id, 'consortiumId', o.consortium_id, 'title', o.title,
                     'state', o.state, 'createdAt', o.created_at) ORDER BY o.created_at, o.id)
              FROM shared_objective o WHERE o.created_by = ANY (s.identifiers)), '[]'::jsonb),
          'publications', coalesce((
            SELECT jsonb_agg(jsonb_build_object('id', r.id, 'objectiveId', r.objective_id, 'state', r.state,
                     'requestedAt', r.requested_at) ORDER BY r.requested_at, r.id)
              FROM push_run r WHERE r.requested_by = ANY (s.identifiers)), '[]'::jsonb))
        FROM app_data_subject() s
      $$`);
    // exports: the files they asked for (not their content: it is about the comuni), the schedules they set.
    await q.query(`
      CREATE FUNCTION app_personal_files() RETURNS jsonb LANGUAGE sql STABLE ${DEFINER} AS $$
        SELECT jsonb_build_object(
          'exports', coalesce((
            SELECT jsonb_agg(jsonb_build_object('id', j.id, 'kind', j.kind, 'state', j.state,
                     'consortiumId', j.consortium_id, 'comuneId', j.comune_id, 'fileName', j.file_name,
                     'requestedAt', j.requested_at, 'finishedAt', j.finished_at, 'expiresAt', j.expires_at)
                     ORDER BY j.requested_at, j.id)
              FROM export_job j WHERE j.requested_by = ANY (s.identifiers)), '[]'::jsonb),
          'reportSchedules', coalesce((
            SELECT jsonb_agg(jsonb_build_object('consortiumId', c.consortium_id, 'frequency', c.frequency,
                     'format', c.format, 'dayOfMonth', c.day_of_month, 'updatedAt', c.updated_at))
              FROM consortium_report_schedule c WHERE c.updated_by = ANY (s.identifiers)), '[]'::jsonb))
        FROM app_data_subject() s
      $$`);
    // notifications: the mails sent to them.
    await q.query(`
      CREATE FUNCTION app_personal_mails() RETURNS jsonb LANGUAGE sql STABLE ${DEFINER} AS $$
        SELECT coalesce(jsonb_agg(jsonb_build_object('recipient', d.recipient, 'subject', d.subject,
                 'messageId', d.message_id, 'claimedAt', d.claimed_at, 'sentAt', d.sent_at)
                 ORDER BY d.claimed_at, d.dedupe_key), '[]'::jsonb)
          FROM mail_delivery d, app_data_subject() s
         WHERE lower(d.recipient) = lower(s.email) OR strpos(d.dedupe_key, s.person_id::text) > 0
      $$`);
  }

  /** Replacing the person by the pseudonym, per owning library; each returns the rows it changed. */
  private async writers(q: QueryRunner): Promise<void> {
    const writer = (name: string, params: string, body: string) =>
      q.query(`
        CREATE FUNCTION ${name}(${params}) RETURNS integer LANGUAGE plpgsql VOLATILE ${DEFINER} AS $$
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
    // identity: their roles end (revoked by the operator), their grants and revocations of others
    // name the pseudonym, and the person row keeps no name, e-mail, subject or fiscal code.
    await writer(
      'app_pseudonymise_identity',
      'pseudonym text, fiscal_code text',
      `IF fiscal_code !~ '^0000[0-9A-F]{12}$' OR fiscal_code <> '0000' || upper(substr(pseudonym, 12)) THEN
         RAISE EXCEPTION 'not the pseudonym''s fiscal code: %', fiscal_code USING ERRCODE = '22023';
       END IF;
       UPDATE membership SET revoked_at = now(), revoked_by = app_text('app.subject')
        WHERE person_id = s.person_id AND revoked_at IS NULL;
       GET DIAGNOSTICS n = ROW_COUNT;
       UPDATE membership SET granted_by = pseudonym WHERE granted_by = ANY (s.identifiers);
       UPDATE membership SET revoked_by = pseudonym WHERE revoked_by = ANY (s.identifiers);
       UPDATE person p SET subject = NULL, given_name = NULL, family_name = NULL, email = NULL,
              fiscal_code = app_pseudonymise_identity.fiscal_code,
              pseudonym = app_pseudonymise_identity.pseudonym, pseudonymised_at = now()
        WHERE p.id = s.person_id;`,
    );
    await writer(
      'app_pseudonymise_assignment_records',
      'pseudonym text',
      `PERFORM set_config('rtd.pseudonymising', 'on', true);
       UPDATE status_event SET actor_subject = pseudonym
        WHERE (actor_person_id = s.person_id OR actor_subject = ANY (s.identifiers)) AND actor_subject <> pseudonym;
       GET DIAGNOSTICS n = ROW_COUNT;
       PERFORM set_config('rtd.pseudonymising', 'off', true);
       UPDATE evidence SET added_by_subject = pseudonym
        WHERE (added_by_person_id = s.person_id OR added_by_subject = ANY (s.identifiers))
          AND added_by_subject <> pseudonym;
       GET DIAGNOSTICS more = ROW_COUNT;
       n := n + more;`,
    );
    await writer(
      'app_pseudonymise_audit_entries',
      'pseudonym text',
      `PERFORM set_config('rtd.pseudonymising', 'on', true);
       UPDATE audit_log a
          SET actor_subject = CASE WHEN a.actor_person_id = s.person_id OR a.actor_subject = ANY (s.identifiers)
                                   THEN pseudonym ELSE a.actor_subject END,
              details = app_replace_identifiers(a.details, s.identifiers, pseudonym)
        WHERE a.actor_person_id = s.person_id OR a.actor_subject = ANY (s.identifiers)
           OR app_mentions(a.details, s.identifiers);
       GET DIAGNOSTICS n = ROW_COUNT;
       PERFORM set_config('rtd.pseudonymising', 'off', true);`,
    );
    await writer(
      'app_pseudonymise_objectives',
      'pseudonym text',
      `UPDATE shared_objective SET created_by = pseudonym WHERE created_by = ANY (s.identifiers);
       GET DIAGNOSTICS n = ROW_COUNT;
       UPDATE push_run SET requested_by = pseudonym WHERE requested_by = ANY (s.identifiers);
       GET DIAGNOSTICS more = ROW_COUNT;
       n := n + more;`,
    );
    // exports: their own files (a scheda, a monitoring sheet) go; the consortium's reports stay,
    // asked for by the pseudonym.
    await writer(
      'app_pseudonymise_files',
      'pseudonym text',
      `DELETE FROM export_job WHERE requested_by = ANY (s.identifiers)
          AND kind IN ('SCHEDA_COMUNE_PDF', 'MONITORING_XLSX');
       GET DIAGNOSTICS n = ROW_COUNT;
       UPDATE export_job SET requested_by = pseudonym WHERE requested_by = ANY (s.identifiers);
       GET DIAGNOSTICS more = ROW_COUNT;
       n := n + more;
       UPDATE consortium_report_schedule SET updated_by = pseudonym WHERE updated_by = ANY (s.identifiers);
       GET DIAGNOSTICS more = ROW_COUNT;
       n := n + more;`,
    );
    await writer(
      'app_pseudonymise_mails',
      'pseudonym text',
      `UPDATE mail_delivery d SET recipient = pseudonym
        WHERE lower(d.recipient) = lower(s.email) OR strpos(d.dedupe_key, s.person_id::text) > 0;
       GET DIAGNOSTICS n = ROW_COUNT;`,
    );
    await writer(
      'app_pseudonymise_outbox',
      'pseudonym text',
      `UPDATE outbox SET payload = app_replace_identifiers(payload, s.identifiers, pseudonym)
        WHERE app_mentions(payload, s.identifiers);
       GET DIAGNOSTICS n = ROW_COUNT;`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const fn of CALLABLE) await q.query(`DROP FUNCTION ${fn}`);
    for (const table of ['audit_log', 'status_event'])
      await q.query(`DROP TRIGGER ${table}_pseudonymisation_only ON ${table}`);
    await q.query(`DROP FUNCTION history_pseudonymisation_only()`);
    await q.query(`
      CREATE OR REPLACE FUNCTION refuse_history_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'la tabella % è in sola aggiunta: % non consentito', TG_TABLE_NAME, TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(
      `DROP FUNCTION app_pseudonym_checked(text), app_replace_identifiers(jsonb, text[], text), app_mentions(jsonb, text[]), app_data_subject(), app_data_request()`,
    );
    await q.query(
      `ALTER TABLE person DROP CONSTRAINT person_pseudonymised_check, DROP COLUMN pseudonymised_at, DROP COLUMN pseudonym`,
    );
  }
}
