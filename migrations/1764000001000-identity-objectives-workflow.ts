import { MigrationInterface, QueryRunner } from 'typeorm';

const STATUSES = `('NOT_STARTED', 'IN_PROGRESS', 'SUBMITTED', 'COMPLETED', 'REJECTED', 'NOT_APPLICABLE')`;
const ROLES = `('PLATFORM_ADMIN', 'CONSORTIUM_RTD', 'CONSORTIUM_STAFF', 'COMUNE_REFERENT', 'COMUNE_DELEGATE', 'COMUNE_VIEWER', 'AUDITOR', 'REGIONAL_OBSERVER')`;

/**
 * People, machine clients and their role memberships; shared objectives, push runs,
 * assignments with their append-only history and evidence; the transactional outbox and
 * the append-only audit log. Every tenant-owned row carries consortium_id (and comune_id
 * when it belongs to one municipality) so that row-level security can check it directly.
 */
export class IdentityObjectivesWorkflow1764000001000 implements MigrationInterface {
  name = 'IdentityObjectivesWorkflow1764000001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE person (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        fiscal_code char(16) NOT NULL UNIQUE CHECK (fiscal_code ~ '^[A-Z0-9]{16}$'),
        subject text UNIQUE,
        given_name text,
        family_name text,
        email text,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_login_at timestamptz
      )`);

    await q.query(`
      CREATE TABLE machine_client (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        client_id text NOT NULL UNIQUE CHECK (client_id ~ '^[A-Za-z0-9._-]{1,100}$'),
        name text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    // The scope columns a role needs, and only those (a check per role family).
    await q.query(`
      CREATE TABLE membership (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid REFERENCES person(id) ON DELETE CASCADE,
        machine_client_id uuid REFERENCES machine_client(id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ${ROLES}),
        consortium_id uuid REFERENCES consortium(id) ON DELETE CASCADE,
        comune_id uuid REFERENCES comune(id) ON DELETE RESTRICT,
        region_code char(2),
        granted_at timestamptz NOT NULL DEFAULT now(),
        granted_by text NOT NULL,
        revoked_at timestamptz,
        revoked_by text,
        CHECK ((person_id IS NULL) <> (machine_client_id IS NULL)),
        CHECK (
          CASE role
            WHEN 'PLATFORM_ADMIN' THEN consortium_id IS NULL AND comune_id IS NULL AND region_code IS NULL
            WHEN 'REGIONAL_OBSERVER' THEN consortium_id IS NULL AND comune_id IS NULL AND region_code IS NOT NULL
            WHEN 'CONSORTIUM_RTD' THEN consortium_id IS NOT NULL AND comune_id IS NULL AND region_code IS NULL
            WHEN 'CONSORTIUM_STAFF' THEN consortium_id IS NOT NULL AND comune_id IS NULL AND region_code IS NULL
            WHEN 'AUDITOR' THEN consortium_id IS NOT NULL AND comune_id IS NULL AND region_code IS NULL
            ELSE consortium_id IS NOT NULL AND comune_id IS NOT NULL AND region_code IS NULL
          END
        ),
        CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
      )`);
    await q.query(`CREATE INDEX membership_person_idx ON membership (person_id) WHERE revoked_at IS NULL`);
    await q.query(
      `CREATE INDEX membership_client_idx ON membership (machine_client_id) WHERE revoked_at IS NULL`,
    );
    await q.query(
      `CREATE INDEX membership_consortium_idx ON membership (consortium_id) WHERE revoked_at IS NULL`,
    );
    await q.query(`
      CREATE UNIQUE INDEX membership_active_unique ON membership (
        coalesce(person_id, machine_client_id), role,
        coalesce(consortium_id, '00000000-0000-0000-0000-000000000000'),
        coalesce(comune_id, '00000000-0000-0000-0000-000000000000'),
        coalesce(region_code, '')
      ) WHERE revoked_at IS NULL`);

    await q.query(`
      CREATE TABLE shared_objective (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        consortium_id uuid NOT NULL REFERENCES consortium(id) ON DELETE CASCADE,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        description text CHECK (description IS NULL OR length(description) <= 10000),
        edition_code text NOT NULL REFERENCES plan_edition(code),
        due_date date,
        target jsonb NOT NULL,
        state text NOT NULL DEFAULT 'DRAFT' CHECK (state IN ('DRAFT', 'PUBLISHED', 'CLOSED')),
        version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        closed_at timestamptz,
        UNIQUE (consortium_id, id),
        -- A draft was never published; a published objective was; a closed one may have been or not.
        CHECK (state <> 'DRAFT' OR published_at IS NULL),
        CHECK (state <> 'PUBLISHED' OR published_at IS NOT NULL),
        CHECK ((state = 'CLOSED') = (closed_at IS NOT NULL))
      )`);
    await q.query(
      `CREATE INDEX shared_objective_consortium_idx ON shared_objective (consortium_id, state, created_at DESC, id)`,
    );

    await q.query(`
      CREATE TABLE shared_objective_line (
        objective_id uuid NOT NULL,
        consortium_id uuid NOT NULL,
        plan_line_id uuid NOT NULL REFERENCES plan_line(id),
        position smallint NOT NULL,
        PRIMARY KEY (objective_id, plan_line_id),
        FOREIGN KEY (consortium_id, objective_id) REFERENCES shared_objective(consortium_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX shared_objective_line_line_idx ON shared_objective_line (plan_line_id)`);

    await q.query(`
      CREATE TABLE push_run (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        consortium_id uuid NOT NULL,
        objective_id uuid NOT NULL,
        state text NOT NULL DEFAULT 'QUEUED' CHECK (state IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED')),
        targeted integer NOT NULL DEFAULT 0 CHECK (targeted >= 0),
        created integer NOT NULL DEFAULT 0 CHECK (created >= 0),
        skipped integer NOT NULL DEFAULT 0 CHECK (skipped >= 0),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        requested_at timestamptz NOT NULL DEFAULT now(),
        requested_by text NOT NULL,
        started_at timestamptz,
        finished_at timestamptz,
        UNIQUE (consortium_id, id),
        FOREIGN KEY (consortium_id, objective_id) REFERENCES shared_objective(consortium_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX push_run_objective_idx ON push_run (objective_id, requested_at DESC)`);

    await q.query(`
      CREATE TABLE assignment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        consortium_id uuid NOT NULL,
        comune_id uuid NOT NULL REFERENCES comune(id),
        objective_id uuid NOT NULL,
        push_run_id uuid,
        status text NOT NULL DEFAULT 'NOT_STARTED' CHECK (status IN ${STATUSES}),
        progress smallint NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
        due_date date,
        issues text CHECK (issues IS NULL OR length(issues) <= 10000),
        delegate_person_id uuid REFERENCES person(id),
        version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (objective_id, comune_id),
        UNIQUE (consortium_id, id),
        FOREIGN KEY (consortium_id, objective_id) REFERENCES shared_objective(consortium_id, id) ON DELETE CASCADE,
        FOREIGN KEY (consortium_id, push_run_id) REFERENCES push_run(consortium_id, id)
      )`);
    await q.query(`CREATE INDEX assignment_consortium_status_idx ON assignment (consortium_id, status)`);
    await q.query(`CREATE INDEX assignment_comune_idx ON assignment (comune_id, due_date, id)`);
    await q.query(
      `CREATE INDEX assignment_delegate_idx ON assignment (delegate_person_id) WHERE delegate_person_id IS NOT NULL`,
    );

    await q.query(`
      CREATE TABLE status_event (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        consortium_id uuid NOT NULL,
        comune_id uuid NOT NULL,
        assignment_id uuid NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        from_status text CHECK (from_status IN ${STATUSES}),
        to_status text NOT NULL CHECK (to_status IN ${STATUSES}),
        progress smallint NOT NULL CHECK (progress BETWEEN 0 AND 100),
        note text CHECK (note IS NULL OR length(note) <= 10000),
        actor_subject text NOT NULL,
        actor_person_id uuid REFERENCES person(id),
        request_id text,
        FOREIGN KEY (consortium_id, assignment_id) REFERENCES assignment(consortium_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX status_event_assignment_idx ON status_event (assignment_id, id)`);

    await q.query(`
      CREATE TABLE evidence (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        consortium_id uuid NOT NULL,
        comune_id uuid NOT NULL,
        assignment_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('URL', 'NOTE')),
        url text CHECK (url IS NULL OR (length(url) <= 2048 AND url ~* '^https?://')),
        description text NOT NULL CHECK (length(description) BETWEEN 1 AND 2000),
        added_at timestamptz NOT NULL DEFAULT now(),
        added_by_subject text NOT NULL,
        added_by_person_id uuid REFERENCES person(id),
        CHECK ((kind = 'URL') = (url IS NOT NULL)),
        FOREIGN KEY (consortium_id, assignment_id) REFERENCES assignment(consortium_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX evidence_assignment_idx ON evidence (assignment_id, added_at)`);

    // Written in the same transaction as the state change it announces; a relay moves it to Redis.
    await q.query(`
      CREATE TABLE outbox (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        consortium_id uuid REFERENCES consortium(id) ON DELETE CASCADE,
        topic text NOT NULL,
        payload jsonb NOT NULL,
        dedupe_key text UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        available_at timestamptz NOT NULL DEFAULT now(),
        enqueued_at timestamptz,
        processed_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text
      )`);
    await q.query(`CREATE INDEX outbox_pending_idx ON outbox (available_at, id) WHERE processed_at IS NULL`);

    await q.query(`
      CREATE TABLE audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        consortium_id uuid,
        comune_id uuid,
        at timestamptz NOT NULL DEFAULT now(),
        actor_subject text NOT NULL,
        actor_person_id uuid,
        action text NOT NULL CHECK (action ~ '^[a-z]+(\\.[a-zA-Z]+)+$'),
        entity_type text NOT NULL,
        entity_id text NOT NULL,
        request_id text,
        details jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(`CREATE INDEX audit_log_consortium_idx ON audit_log (consortium_id, id DESC)`);

    // History and audit are evidence for art. 18-bis CAD vigilance: nobody rewrites them,
    // not even the owner role (the trigger fires for every role; privileges are revoked too).
    await q.query(`
      CREATE FUNCTION refuse_history_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'la tabella % è in sola aggiunta: % non consentito', TG_TABLE_NAME, TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    for (const table of ['status_event', 'audit_log']) {
      await q.query(`
        CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_rewrite()`);
      await q.query(`GRANT SELECT, INSERT ON ${table} TO rtd_app`);
    }

    await q.query(`GRANT SELECT, INSERT, UPDATE ON person, machine_client, membership TO rtd_app`);
    await q.query(
      `GRANT SELECT, INSERT, UPDATE, DELETE ON shared_objective, shared_objective_line TO rtd_app`,
    );
    await q.query(`GRANT SELECT, INSERT, UPDATE ON push_run, assignment, outbox TO rtd_app`);
    await q.query(`GRANT SELECT, INSERT ON evidence TO rtd_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE audit_log, outbox, evidence, status_event, assignment, push_run,
        shared_objective_line, shared_objective, membership, machine_client, person`);
    await q.query(`DROP FUNCTION refuse_history_rewrite()`);
  }
}
