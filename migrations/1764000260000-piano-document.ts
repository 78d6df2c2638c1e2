import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Piano as a document (issue 25): PIANO_PDF and PIANO_DOCX, one version of a consortium's
 * Piano (export_job.piano_version_id), built by the worker as the person who asked, like the
 * scheda per comune. Only the consortium's office, staff and auditors ask for it (app.full_consortia),
 * for a version of their own consortium; like every file asked for on demand it is its
 * requester's, kept a day (expires_at set on insert, the nightly cleaner deletes it). The outbox
 * takes its message ('piano-file') under the same rule as 'comune-file'.
 */
const FULL = `(SELECT app_ids('app.full_consortia'))::uuid[]`;
const OWN = `requested_by = (SELECT app_text('app.subject'))`;
const FILES_BEFORE = `kind IN ('SCHEDA_COMUNE_PDF', 'MONITORING_XLSX')`;
const FILES = `kind IN ('SCHEDA_COMUNE_PDF', 'MONITORING_XLSX', 'PIANO_PDF', 'PIANO_DOCX')`;
const REPORTS = `kind IN ('CONSORTIUM_REPORT_PDF', 'CONSORTIUM_REPORT_XLSX')`;
const MEMBER = `EXISTS (SELECT 1 FROM consortium_member cm
  WHERE cm.consortium_id = export_job.consortium_id AND cm.comune_id = export_job.comune_id)`;
const WAITING = `state IN ('QUEUED', 'RUNNING')`;
const PIANO_OF_CONSORTIUM = `EXISTS (SELECT 1 FROM piano_version v
  WHERE v.id = export_job.piano_version_id AND v.consortium_id = export_job.consortium_id)`;

const insertCheck = (
  piano: boolean,
) => `${OWN} AND state = 'QUEUED' AND progress = 0 AND content IS NULL AND file_name IS NULL
  AND content_type IS NULL AND finished_at IS NULL AND error IS NULL
  AND (expires_at IS NULL OR expires_at <= now() + interval '1 day')
  AND (
    (${REPORTS} AND comune_id IS NULL AND consortium_id = ANY (${FULL}))
    OR (${FILES_BEFORE} AND consortium_id = ANY (${FULL}) AND (comune_id IS NULL OR ${MEMBER}))
    OR (${FILES_BEFORE} AND ${MEMBER} AND (comune_id = ANY ((SELECT app_ids('app.comuni'))::uuid[])
                                  OR comune_id = ANY ((SELECT app_ids('app.delegate_comuni'))::uuid[])))${
                                    piano
                                      ? `
    OR (kind IN ('PIANO_PDF', 'PIANO_DOCX') AND comune_id IS NULL AND consortium_id = ANY (${FULL})
        AND ${PIANO_OF_CONSORTIUM}))`
                                      : ')'
                                  }`;

const outboxCheck = (kinds: string) => `
      topic = 'exports' AND (payload ->> 'kind') IN (${kinds})
      AND (payload ->> 'consortiumId') IS NOT DISTINCT FROM consortium_id::text
      AND consortium_id = ANY ((SELECT app_ids('app.read_consortia'))::uuid[])
      AND (payload ->> 'subject') = (SELECT app_text('app.subject'))
      AND (
        (payload ->> 'personId') = (SELECT app_text('app.person_id'))
        OR ((payload ->> 'personId') IS NULL AND EXISTS (
          SELECT 1 FROM machine_client mc
           WHERE mc.id::text = (payload ->> 'machineClientId')
             AND mc.client_id = (SELECT app_text('app.client_id'))))
      )`;

const factsFixed = (piano: boolean) => `
  CREATE OR REPLACE FUNCTION export_job_facts_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF current_user = 'rtd_app' AND (
         NEW.consortium_id IS DISTINCT FROM OLD.consortium_id OR NEW.comune_id IS DISTINCT FROM OLD.comune_id
      OR NEW.kind IS DISTINCT FROM OLD.kind OR NEW.requested_by IS DISTINCT FROM OLD.requested_by
      OR NEW.requested_at IS DISTINCT FROM OLD.requested_at${
        piano ? '\n      OR NEW.piano_version_id IS DISTINCT FROM OLD.piano_version_id' : ''
      }
      OR NEW.schedule_period IS DISTINCT FROM OLD.schedule_period) THEN
      RAISE EXCEPTION 'export_job %: who asked for what is not changed (row-level security)', OLD.id
        USING ERRCODE = '42501';
    END IF;
    RETURN NEW;
  END
  $$`;

export class PianoDocument1764000260000 implements MigrationInterface {
  name = 'PianoDocument1764000260000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE export_job DROP CONSTRAINT export_job_kind_check`);
    await q.query(`ALTER TABLE export_job ADD CONSTRAINT export_job_kind_check CHECK (kind IN
      ('SCHEDA_COMUNE_PDF', 'MONITORING_XLSX', 'CONSORTIUM_REPORT_PDF', 'CONSORTIUM_REPORT_XLSX', 'PIANO_PDF', 'PIANO_DOCX'))`);
    await q.query(`ALTER TABLE export_job
      ADD COLUMN piano_version_id uuid REFERENCES piano_version (id) ON DELETE CASCADE,
      ADD CONSTRAINT export_job_piano_version_check
        CHECK ((kind IN ('PIANO_PDF', 'PIANO_DOCX')) = (piano_version_id IS NOT NULL))`);
    await q.query(`CREATE INDEX export_job_piano_version_idx ON export_job (piano_version_id)
      WHERE piano_version_id IS NOT NULL`);
    await q.query(`ALTER POLICY export_job_insert ON export_job WITH CHECK (${insertCheck(true)})`);
    await q.query(
      `ALTER POLICY export_job_update ON export_job USING (${OWN} AND ${FILES} AND ${WAITING}) WITH CHECK (${OWN} AND ${FILES})`,
    );
    await q.query(`ALTER POLICY export_job_delete ON export_job USING (${OWN} AND ${FILES})`);
    await q.query(
      `ALTER POLICY outbox_insert_export_file ON outbox WITH CHECK (${outboxCheck(`'comune-file', 'piano-file'`)})`,
    );
    await q.query(factsFixed(true));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(factsFixed(false));
    await q.query(
      `ALTER POLICY outbox_insert_export_file ON outbox WITH CHECK (${outboxCheck(`'comune-file'`)})`,
    );
    await q.query(`ALTER POLICY export_job_delete ON export_job USING (${OWN} AND ${FILES_BEFORE})`);
    await q.query(
      `ALTER POLICY export_job_update ON export_job USING (${OWN} AND ${FILES_BEFORE} AND ${WAITING}) WITH CHECK (${OWN} AND ${FILES_BEFORE})`,
    );
    await q.query(`ALTER POLICY export_job_insert ON export_job WITH CHECK (${insertCheck(false)})`);
    await q.query(`DELETE FROM export_job WHERE kind IN ('PIANO_PDF', 'PIANO_DOCX')`);
    await q.query(`ALTER TABLE export_job DROP COLUMN piano_version_id`);
    await q.query(`ALTER TABLE export_job DROP CONSTRAINT export_job_kind_check`);
    await q.query(`ALTER TABLE export_job ADD CONSTRAINT export_job_kind_check CHECK (kind IN
      ('SCHEDA_COMUNE_PDF', 'MONITORING_XLSX', 'CONSORTIUM_REPORT_PDF', 'CONSORTIUM_REPORT_XLSX'))`);
  }
}
