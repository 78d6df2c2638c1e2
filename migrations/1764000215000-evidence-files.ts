import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Evidence as files, and evidence removed (issue 22, docs/evidence-files.md).
 *
 * - `evidence` gains the kind FILE with its facts (the cleaned name, the content type decided
 *   from the bytes, the size, the SHA-256), and the facts of a removal (when, by whom, replaced
 *   by which evidence). A removed evidence stays, so that the office sees what was removed and by
 *   whom; the application role may set those removal columns only (column grant), once, by the
 *   caller, while the assignment's report is open (trigger evidence_removal_only).
 * - `evidence_file` holds the bytes (bytea), one row per FILE evidence, under the same row-level
 *   security as the evidence: readable with the assignment, written by who reports on it and only
 *   for an evidence they added themselves, deleted only once its evidence is removed; never
 *   updated. Its tenancy columns are those of its evidence (composite foreign key).
 * - The personal-data functions of assignments read and pseudonymise the removals too.
 */
const MAX_BYTES = 20 * 1024 * 1024;

/** As libs/assignments/src/evidence-content.ts decides them (a migration keeps its own copy). */
const EVIDENCE_CONTENT_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/gif',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'text/csv',
  'text/plain',
];

const FULL = `(SELECT app_ids('app.full_consortia'))::uuid[]`;
const COMUNI = `(SELECT app_ids('app.comuni'))::uuid[]`;
const DELEGATE_COMUNI = `(SELECT app_ids('app.delegate_comuni'))::uuid[]`;
const DELEGATED = `(SELECT app_delegated_assignments())::uuid[]`;
/** Who reports on the row's assignment: as evidence_insert (migrations/1764000090002). */
const REPORTER = (table: string) => `(consortium_id = ANY ((SELECT app_ids('app.manage_consortia'))::uuid[])
  OR comune_id = ANY ((SELECT app_ids('app.referent_comuni'))::uuid[])
  OR (comune_id = ANY (${DELEGATE_COMUNI}) AND EXISTS (SELECT 1 FROM assignment x WHERE x.id = ${table}.assignment_id)))`;
const SUBJECT = `(SELECT app_text('app.subject'))`;

const EVIDENCE_CHANGES = `
  ALTER TABLE evidence DROP CONSTRAINT evidence_kind_check;
  ALTER TABLE evidence ADD CONSTRAINT evidence_kind_check CHECK (kind IN ('URL', 'NOTE', 'FILE'));
  ALTER TABLE evidence
    ADD COLUMN file_name text CHECK (file_name IS NULL OR length(file_name) BETWEEN 1 AND 200),
    ADD COLUMN content_type text CHECK (content_type IS NULL OR content_type IN (${EVIDENCE_CONTENT_TYPES.map((t) => `'${t}'`).join(', ')})),
    ADD COLUMN size_bytes integer CHECK (size_bytes IS NULL OR size_bytes BETWEEN 1 AND ${MAX_BYTES}),
    ADD COLUMN sha256 text CHECK (sha256 IS NULL OR sha256 ~ '^[0-9a-f]{64}$'),
    ADD COLUMN removed_at timestamptz,
    ADD COLUMN removed_by_subject text,
    ADD COLUMN removed_by_person_id uuid REFERENCES person(id),
    ADD COLUMN replaced_by_id uuid REFERENCES evidence(id),
    ADD CONSTRAINT evidence_file_facts CHECK (
      (kind = 'FILE') = (file_name IS NOT NULL AND content_type IS NOT NULL AND size_bytes IS NOT NULL AND sha256 IS NOT NULL)
      AND (kind = 'FILE' OR (file_name IS NULL AND content_type IS NULL AND size_bytes IS NULL AND sha256 IS NULL))),
    ADD CONSTRAINT evidence_removal_facts CHECK (
      (removed_at IS NULL) = (removed_by_subject IS NULL) AND (replaced_by_id IS NULL OR removed_at IS NOT NULL)),
    ADD CONSTRAINT evidence_tenancy_key UNIQUE (id, consortium_id, comune_id, assignment_id);
  CREATE INDEX evidence_files_idx ON evidence (assignment_id) WHERE kind = 'FILE' AND removed_at IS NULL;
`;

const FILE_TABLE = `
  CREATE TABLE evidence_file (
    evidence_id uuid PRIMARY KEY,
    consortium_id uuid NOT NULL,
    comune_id uuid NOT NULL,
    assignment_id uuid NOT NULL,
    content bytea NOT NULL CHECK (octet_length(content) BETWEEN 1 AND ${MAX_BYTES}),
    FOREIGN KEY (evidence_id, consortium_id, comune_id, assignment_id)
      REFERENCES evidence (id, consortium_id, comune_id, assignment_id) ON DELETE CASCADE
  );
  CREATE INDEX evidence_file_assignment_idx ON evidence_file (assignment_id);
  ALTER TABLE evidence_file ENABLE ROW LEVEL SECURITY;
  ALTER TABLE evidence_file FORCE ROW LEVEL SECURITY;
  CREATE POLICY evidence_file_owner ON evidence_file TO rtd_owner USING (true) WITH CHECK (true);
  CREATE POLICY evidence_file_select ON evidence_file FOR SELECT TO rtd_app USING (
    consortium_id = ANY (${FULL}) OR comune_id = ANY (${COMUNI})
    OR (comune_id = ANY (${DELEGATE_COMUNI}) AND assignment_id = ANY (${DELEGATED})));
  CREATE POLICY evidence_file_insert ON evidence_file FOR INSERT TO rtd_app WITH CHECK (
    ${REPORTER('evidence_file')}
    AND EXISTS (SELECT 1 FROM evidence e WHERE e.id = evidence_file.evidence_id AND e.kind = 'FILE'
                  AND e.removed_at IS NULL AND e.added_by_subject = ${SUBJECT}));
  CREATE POLICY evidence_file_delete ON evidence_file FOR DELETE TO rtd_app USING (
    ${REPORTER('evidence_file')}
    AND EXISTS (SELECT 1 FROM evidence e WHERE e.id = evidence_file.evidence_id AND e.removed_at IS NOT NULL));
  GRANT SELECT, INSERT, DELETE ON evidence_file TO rtd_app;
`;

const REMOVAL = `
  CREATE POLICY evidence_update ON evidence FOR UPDATE TO rtd_app
    USING (${REPORTER('evidence')})
    WITH CHECK (${REPORTER('evidence')} AND removed_by_subject = ${SUBJECT}
                AND removed_by_person_id IS NOT DISTINCT FROM (SELECT app_person()));
  GRANT UPDATE (removed_at, removed_by_subject, removed_by_person_id, replaced_by_id) ON evidence TO rtd_app;

  -- The application role only removes, once, an evidence of a report still open (not under review
  -- or settled, objective not closed): the rule of libs/assignments/src/workflow.ts ('evidence').
  CREATE FUNCTION evidence_removal_only() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF current_user <> 'rtd_app' THEN
      RETURN NEW; -- the owner's writes (pseudonymisation runs as the owner)
    END IF;
    IF OLD.removed_at IS NOT NULL OR NEW.removed_at IS NULL THEN
      RAISE EXCEPTION 'evidence %: removed once, never restored (row-level security)', OLD.id USING ERRCODE = '42501';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM assignment a JOIN shared_objective o ON o.id = a.objective_id
                    WHERE a.id = OLD.assignment_id AND o.state <> 'CLOSED'
                      AND a.status NOT IN ('SUBMITTED', 'COMPLETED', 'NOT_APPLICABLE')) THEN
      RAISE EXCEPTION 'evidence %: the report is not open (row-level security)', OLD.id USING ERRCODE = '42501';
    END IF;
    RETURN NEW;
  END $$;
  CREATE TRIGGER evidence_removal_only BEFORE UPDATE ON evidence
    FOR EACH ROW EXECUTE FUNCTION evidence_removal_only();
`;

const DEFINER = `SECURITY DEFINER SET search_path = public, pg_temp`;

const evidenceJson = (withFiles: boolean) => `
  SELECT jsonb_agg(jsonb_build_object(
           'addedAt', v.added_at, 'assignmentId', v.assignment_id, 'comuneId', v.comune_id,
           'kind', v.kind, 'url', v.url, 'description', v.description${
             withFiles
               ? `, 'fileName', v.file_name, 'contentType', v.content_type, 'sizeBytes', v.size_bytes,
           'sha256', v.sha256, 'removedAt', v.removed_at`
               : ''
           }) ORDER BY v.added_at, v.id)
    FROM evidence v
   WHERE v.added_by_person_id = s.person_id OR v.added_by_subject = ANY (s.identifiers)`;

const personalRecords = (withFiles: boolean) => `
  CREATE OR REPLACE FUNCTION app_personal_assignment_records() RETURNS jsonb LANGUAGE sql STABLE ${DEFINER} AS $$
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
      'evidence', coalesce((${evidenceJson(withFiles)}), '[]'::jsonb),${
        withFiles
          ? `
      'evidenceRemoved', coalesce((
        SELECT jsonb_agg(jsonb_build_object('removedAt', v.removed_at, 'assignmentId', v.assignment_id,
                 'comuneId', v.comune_id, 'kind', v.kind, 'description', v.description, 'fileName', v.file_name)
                 ORDER BY v.removed_at, v.id)
          FROM evidence v
         WHERE v.removed_by_person_id = s.person_id OR v.removed_by_subject = ANY (s.identifiers)), '[]'::jsonb),`
          : ''
      }
      'delegatedAssignments', coalesce((
        SELECT jsonb_agg(jsonb_build_object(
                 'assignmentId', a.id, 'comuneId', a.comune_id, 'objectiveTitle', o.title,
                 'status', a.status, 'progress', a.progress) ORDER BY a.created_at, a.id)
          FROM assignment a JOIN shared_objective o ON o.id = a.objective_id
         WHERE a.delegate_person_id = s.person_id), '[]'::jsonb))
    FROM app_data_subject() s
  $$`;

const pseudonymise = (withRemovals: boolean) => `
  CREATE OR REPLACE FUNCTION app_pseudonymise_assignment_records(pseudonym text) RETURNS integer
  LANGUAGE plpgsql VOLATILE ${DEFINER} AS $$
  DECLARE
    s record;
    n integer := 0;
    more integer;
  BEGIN
    PERFORM app_pseudonym_checked(pseudonym);
    SELECT * INTO STRICT s FROM app_data_subject();
    PERFORM set_config('rtd.pseudonymising', 'on', true);
    UPDATE status_event SET actor_subject = pseudonym
     WHERE (actor_person_id = s.person_id OR actor_subject = ANY (s.identifiers)) AND actor_subject <> pseudonym;
    GET DIAGNOSTICS n = ROW_COUNT;
    PERFORM set_config('rtd.pseudonymising', 'off', true);
    UPDATE evidence SET added_by_subject = pseudonym
     WHERE (added_by_person_id = s.person_id OR added_by_subject = ANY (s.identifiers))
       AND added_by_subject <> pseudonym;
    GET DIAGNOSTICS more = ROW_COUNT;
    n := n + more;${
      withRemovals
        ? `
    UPDATE evidence SET removed_by_subject = pseudonym
     WHERE (removed_by_person_id = s.person_id OR removed_by_subject = ANY (s.identifiers))
       AND removed_by_subject <> pseudonym;
    GET DIAGNOSTICS more = ROW_COUNT;
    n := n + more;`
        : ''
    }
    RETURN n;
  END $$`;

export class EvidenceFiles1764000215000 implements MigrationInterface {
  name = 'EvidenceFiles1764000215000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(EVIDENCE_CHANGES);
    await q.query(FILE_TABLE);
    await q.query(REMOVAL);
    await q.query(personalRecords(true));
    await q.query(pseudonymise(true));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(personalRecords(false));
    await q.query(pseudonymise(false));
    await q.query(`DROP TRIGGER evidence_removal_only ON evidence; DROP FUNCTION evidence_removal_only()`);
    await q.query(`DROP POLICY evidence_update ON evidence`);
    await q.query(
      `REVOKE UPDATE (removed_at, removed_by_subject, removed_by_person_id, replaced_by_id) ON evidence FROM rtd_app`,
    );
    await q.query(`DROP TABLE evidence_file`);
    await q.query(`UPDATE evidence SET replaced_by_id = NULL WHERE replaced_by_id IS NOT NULL`);
    await q.query(`DELETE FROM evidence WHERE kind = 'FILE'`);
    await q.query(`
      ALTER TABLE evidence DROP CONSTRAINT evidence_tenancy_key, DROP CONSTRAINT evidence_removal_facts,
        DROP CONSTRAINT evidence_file_facts, DROP COLUMN replaced_by_id, DROP COLUMN removed_by_person_id,
        DROP COLUMN removed_by_subject, DROP COLUMN removed_at, DROP COLUMN sha256, DROP COLUMN size_bytes,
        DROP COLUMN content_type, DROP COLUMN file_name;
      ALTER TABLE evidence DROP CONSTRAINT evidence_kind_check;
      ALTER TABLE evidence ADD CONSTRAINT evidence_kind_check CHECK (kind IN ('URL', 'NOTE'))`);
  }
}
