import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The database's second wall, where SQL run as rtd_app (an injection, say) still got through
 * (issue 26, point 7):
 *
 * - export_job: an insert checked only `requested_by`, so consortium A's signed context could
 *   file a finished CONSORTIUM_REPORT_PDF for consortium B, served as text/html, visible to B's
 *   RTD; and a requester could rewrite a finished report's content. Now an insert is a QUEUED,
 *   empty job of what the caller may export (a report: its consortium's office; a scheda or
 *   monitoring sheet: the office for the consortium and its members, a comune's referent, viewer
 *   or delegate for that comune); only the worker writes a report, only the requester's own jobs
 *   (files, never reports) change, and only while QUEUED or RUNNING; who, what and for whom a
 *   job is never change; a requester deletes only their own files; each kind has its one content
 *   type (PDF, XLSX, DOCX by the kind's suffix).
 * - status_event and evidence: an insert names the caller as actor (subject and person).
 * - assignment: the state machine of libs/assignments/src/workflow.ts, in the database too. A
 *   status change must be one the caller's side may make: the municipality (referent, delegate
 *   of the assignment) its moves; the RTD office (RTD, staff, the jobs acting for it) its own and,
 *   since it may enter a comune's report on its behalf where its RTD allows (issue 23), the
 *   municipality's. Progress and criticità change only while the report is open (not SUBMITTED,
 *   COMPLETED or NOT_APPLICABLE). test/hostile-sql.e2e-spec.ts compares the table with workflow.ts.
 */
const FULL = `(SELECT app_ids('app.full_consortia'))::uuid[]`;
const OWN = `requested_by = (SELECT app_text('app.subject'))`;
const FILES = `kind IN ('SCHEDA_COMUNE_PDF', 'MONITORING_XLSX')`;
const REPORTS = `kind IN ('CONSORTIUM_REPORT_PDF', 'CONSORTIUM_REPORT_XLSX')`;
const MEMBER = `EXISTS (SELECT 1 FROM consortium_member cm
  WHERE cm.consortium_id = export_job.consortium_id AND cm.comune_id = export_job.comune_id)`;
const WORKER = `(SELECT app_text('app.subject')) = 'system:exports'`;
const WAITING = `state IN ('QUEUED', 'RUNNING')`;

const EXPORT_INSERT = `${OWN} AND state = 'QUEUED' AND progress = 0 AND content IS NULL AND file_name IS NULL
  AND content_type IS NULL AND finished_at IS NULL AND error IS NULL
  AND (expires_at IS NULL OR expires_at <= now() + interval '1 day')
  AND (
    (${REPORTS} AND comune_id IS NULL AND consortium_id = ANY (${FULL}))
    OR (${FILES} AND consortium_id = ANY (${FULL}) AND (comune_id IS NULL OR ${MEMBER}))
    OR (${FILES} AND ${MEMBER} AND (comune_id = ANY ((SELECT app_ids('app.comuni'))::uuid[])
                                  OR comune_id = ANY ((SELECT app_ids('app.delegate_comuni'))::uuid[]))))`;

/** [policy, table, USING after, CHECK after, USING before, CHECK before] (null: the clause has none). */
type Change = [string, string, string | null, string | null, string | null, string | null];

const BEFORE_HISTORY = (
  table: string,
) => `consortium_id = ANY ((SELECT app_ids('app.manage_consortia'))::uuid[])
  OR comune_id = ANY ((SELECT app_ids('app.referent_comuni'))::uuid[])
  OR (comune_id = ANY ((SELECT app_ids('app.delegate_comuni'))::uuid[])
      AND EXISTS (SELECT 1 FROM assignment x WHERE x.id = ${table}.assignment_id))`;

const CHANGES: Change[] = [
  ['export_job_insert', 'export_job', null, EXPORT_INSERT, null, OWN],
  ['export_job_update', 'export_job', `${OWN} AND ${FILES} AND ${WAITING}`, `${OWN} AND ${FILES}`, OWN, OWN],
  [
    'export_job_report_update',
    'export_job',
    `${WORKER} AND ${REPORTS} AND consortium_id = ANY (${FULL}) AND ${WAITING}`,
    `${WORKER} AND ${REPORTS} AND consortium_id = ANY (${FULL})`,
    `${WORKER} AND ${REPORTS} AND consortium_id = ANY (${FULL})`,
    `${WORKER} AND ${REPORTS} AND consortium_id = ANY (${FULL})`,
  ],
  ['export_job_delete', 'export_job', `${OWN} AND ${FILES}`, null, OWN, null],
  [
    'status_event_insert',
    'status_event',
    null,
    `(${BEFORE_HISTORY('status_event')}) AND actor_subject = (SELECT app_text('app.subject'))
      AND actor_person_id IS NOT DISTINCT FROM (SELECT app_person())`,
    null,
    BEFORE_HISTORY('status_event'),
  ],
  [
    'evidence_insert',
    'evidence',
    null,
    `(${BEFORE_HISTORY('evidence')}) AND added_by_subject = (SELECT app_text('app.subject'))
      AND added_by_person_id IS NOT DISTINCT FROM (SELECT app_person())`,
    null,
    BEFORE_HISTORY('evidence'),
  ],
];

const CONTENT_TYPES = `ALTER TABLE export_job ADD CONSTRAINT export_job_content_type_check CHECK (
  content_type IS NULL
  OR (kind LIKE '%\\_PDF' AND content_type = 'application/pdf')
  OR (kind LIKE '%\\_XLSX' AND content_type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  OR (kind LIKE '%\\_DOCX' AND content_type = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'))`;

const FUNCTIONS = `
  -- Who asked for what, for whom, and when, are facts of the job: the application role never changes them.
  CREATE FUNCTION export_job_facts_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF current_user = 'rtd_app' AND (
         NEW.consortium_id IS DISTINCT FROM OLD.consortium_id OR NEW.comune_id IS DISTINCT FROM OLD.comune_id
      OR NEW.kind IS DISTINCT FROM OLD.kind OR NEW.requested_by IS DISTINCT FROM OLD.requested_by
      OR NEW.requested_at IS DISTINCT FROM OLD.requested_at
      OR NEW.schedule_period IS DISTINCT FROM OLD.schedule_period) THEN
      RAISE EXCEPTION 'export_job %: who asked for what is not changed (row-level security)', OLD.id
        USING ERRCODE = '42501';
    END IF;
    RETURN NEW;
  END
  $$;
  CREATE TRIGGER export_job_facts_fixed BEFORE UPDATE ON export_job
    FOR EACH ROW EXECUTE FUNCTION export_job_facts_fixed();

  -- The moves of libs/assignments/src/workflow.ts (nextStatus), by side: the comune's
  -- (municipality) and the RTD office's own (office).
  CREATE FUNCTION app_workflow_allows(from_status text, to_status text, side text) RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT EXISTS (SELECT 1 FROM (VALUES
      ('municipality', 'NOT_STARTED', 'IN_PROGRESS'),
      ('municipality', 'IN_PROGRESS', 'NOT_STARTED'),
      ('municipality', 'REJECTED', 'NOT_STARTED'),
      ('municipality', 'REJECTED', 'IN_PROGRESS'),
      ('municipality', 'IN_PROGRESS', 'SUBMITTED'),
      ('municipality', 'REJECTED', 'SUBMITTED'),
      ('office', 'SUBMITTED', 'COMPLETED'),
      ('office', 'SUBMITTED', 'REJECTED'),
      ('office', 'COMPLETED', 'IN_PROGRESS'),
      ('office', 'NOT_APPLICABLE', 'IN_PROGRESS'),
      ('office', 'REJECTED', 'IN_PROGRESS'),
      ('office', 'NOT_STARTED', 'NOT_APPLICABLE'),
      ('office', 'IN_PROGRESS', 'NOT_APPLICABLE'),
      ('office', 'SUBMITTED', 'NOT_APPLICABLE'),
      ('office', 'COMPLETED', 'NOT_APPLICABLE'),
      ('office', 'REJECTED', 'NOT_APPLICABLE')
    ) AS moves(s, f, t) WHERE s = side AND f = from_status AND t = to_status)
  $$;

  CREATE FUNCTION assignment_workflow_guard() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    office boolean;
    municipality boolean;
  BEGIN
    IF current_user <> 'rtd_app' OR (NEW.status IS NOT DISTINCT FROM OLD.status
        AND NEW.progress IS NOT DISTINCT FROM OLD.progress AND NEW.issues IS NOT DISTINCT FROM OLD.issues) THEN
      RETURN NEW; -- the owner's writes; delegation, due dates and versions are not the workflow's
    END IF;
    office := OLD.consortium_id = ANY (app_ids('app.manage_consortia'));
    municipality := OLD.comune_id = ANY (app_ids('app.referent_comuni'))
      OR (OLD.comune_id = ANY (app_ids('app.delegate_comuni')) AND OLD.delegate_person_id = app_person());
    IF NEW.status IS DISTINCT FROM OLD.status THEN
      IF (municipality OR office) AND app_workflow_allows(OLD.status, NEW.status, 'municipality')
         OR office AND app_workflow_allows(OLD.status, NEW.status, 'office') THEN
        RETURN NEW;
      END IF;
      RAISE EXCEPTION 'assignment %: % -> % is not a move of the workflow for this caller (row-level security)',
        OLD.id, OLD.status, NEW.status USING ERRCODE = '42501';
    END IF;
    IF (municipality OR office) AND OLD.status NOT IN ('SUBMITTED', 'COMPLETED', 'NOT_APPLICABLE') THEN
      RETURN NEW;
    END IF;
    RAISE EXCEPTION 'assignment %: progress and criticità change only while the report is open (row-level security)',
      OLD.id USING ERRCODE = '42501';
  END
  $$;
  CREATE TRIGGER assignment_workflow_guard BEFORE UPDATE ON assignment
    FOR EACH ROW EXECUTE FUNCTION assignment_workflow_guard();
`;

async function alter(
  q: QueryRunner,
  name: string,
  table: string,
  using: string | null,
  check: string | null,
) {
  const parts = [using ? `USING (${using})` : '', check ? `WITH CHECK (${check})` : ''].filter(Boolean);
  await q.query(`ALTER POLICY ${name} ON ${table} ${parts.join(' ')}`);
}

export class SecondWallGaps1764000090002 implements MigrationInterface {
  name = 'SecondWallGaps1764000090002';

  async up(q: QueryRunner): Promise<void> {
    for (const [name, table, using, check] of CHANGES) await alter(q, name, table, using, check);
    await q.query(CONTENT_TYPES);
    await q.query(FUNCTIONS);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER assignment_workflow_guard ON assignment`);
    await q.query(`DROP TRIGGER export_job_facts_fixed ON export_job`);
    await q.query(
      `DROP FUNCTION assignment_workflow_guard(), app_workflow_allows(text, text, text), export_job_facts_fixed()`,
    );
    await q.query(`ALTER TABLE export_job DROP CONSTRAINT export_job_content_type_check`);
    for (const [name, table, , , using, check] of CHANGES) await alter(q, name, table, using, check);
  }
}
