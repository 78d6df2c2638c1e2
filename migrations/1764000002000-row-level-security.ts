import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Row-level security on every tenant-owned table, enabled and forced. Policies read the
 * per-transaction settings that the API and the worker set with SET LOCAL from the caller's
 * memberships (libs/authz/src/access-scope.ts, rlsSettings): sets of consortium and
 * municipality ids, one per column of the permission matrix. A query that forgets its tenant
 * filter therefore returns only what the caller may see, and nothing when no setting is made.
 *
 * The application role (rtd_app) owns no table and has no BYPASSRLS; policies apply to it.
 * The owner role, which runs migrations, imports and the demo seed, gets one permissive policy
 * per table: it is the operator's tool, never the request path.
 */

/** The ids a setting lists, as `{uuid,uuid}`; empty when the setting is missing. */
const FUNCTIONS = `
  CREATE FUNCTION app_ids(setting text) RETURNS uuid[] LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT coalesce(nullif(current_setting(setting, true), ''), '{}')::uuid[]
  $$;
  CREATE FUNCTION app_texts(setting text) RETURNS text[] LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT coalesce(nullif(current_setting(setting, true), ''), '{}')::text[]
  $$;
  CREATE FUNCTION app_flag(setting text) RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT coalesce(current_setting(setting, true), '') = 'on'
  $$;
  CREATE FUNCTION app_text(setting text) RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT nullif(current_setting(setting, true), '')
  $$;
  CREATE FUNCTION app_person() RETURNS uuid LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT nullif(current_setting('app.person_id', true), '')::uuid
  $$;
`;

/** A delegate sees an assignment of its municipality only when it is delegated to them. */
const DELEGATED = `(comune_id = ANY (app_ids('app.delegate_comuni')) AND delegate_person_id = app_person())`;
/** Rows hanging off an assignment (history, evidence): visible with the assignment. */
const OF_VISIBLE_ASSIGNMENT = `(
  consortium_id = ANY (app_ids('app.full_consortia'))
  OR comune_id = ANY (app_ids('app.comuni'))
  OR (comune_id = ANY (app_ids('app.delegate_comuni')) AND assignment_id IN (SELECT id FROM assignment))
)`;
const REPORTS_ON_ASSIGNMENT = `(
  consortium_id = ANY (app_ids('app.manage_consortia'))
  OR comune_id = ANY (app_ids('app.referent_comuni'))
  OR (comune_id = ANY (app_ids('app.delegate_comuni')) AND assignment_id IN (SELECT id FROM assignment))
)`;

interface TablePolicies {
  table: string;
  select: string;
  insert?: string;
  update?: string;
  delete?: string;
}

const POLICIES: TablePolicies[] = [
  {
    table: 'consortium',
    select: `app_flag('app.admin') OR id = ANY (app_ids('app.read_consortia'))`,
    insert: `app_flag('app.admin')`,
    update: `app_flag('app.admin')`,
  },
  {
    table: 'consortium_member',
    select: `app_flag('app.admin') OR consortium_id = ANY (app_ids('app.read_consortia'))
      OR comune_id IN (SELECT id FROM comune WHERE region_code = ANY (app_texts('app.regions')))`,
    insert: `app_flag('app.admin')`,
    delete: `app_flag('app.admin')`,
  },
  {
    // Identities are shared by all tenants; names appear in histories across consortia.
    table: 'person',
    select: `app_flag('app.admin') OR app_flag('app.has_role') OR id = app_person()
      OR fiscal_code = app_text('app.fiscal_code')`,
    insert: `app_flag('app.admin') OR fiscal_code = app_text('app.fiscal_code')
      OR cardinality(app_ids('app.rtd_consortia')) > 0 OR cardinality(app_ids('app.referent_comuni')) > 0`,
    update: `app_flag('app.admin') OR fiscal_code = app_text('app.fiscal_code')`,
  },
  {
    table: 'machine_client',
    select: `app_flag('app.admin') OR client_id = app_text('app.client_id')`,
    insert: `app_flag('app.admin') OR client_id = app_text('app.client_id')`,
  },
  {
    // Own memberships (found by the token's fiscal code or client id, before anything else is
    // known), those an RTD office manages, those a referent appoints; the operator sees all.
    table: 'membership',
    select: `app_flag('app.admin')
      OR person_id IN (SELECT id FROM person WHERE fiscal_code = app_text('app.fiscal_code'))
      OR machine_client_id IN (SELECT id FROM machine_client WHERE client_id = app_text('app.client_id'))
      OR consortium_id = ANY (app_ids('app.rtd_consortia'))
      OR comune_id = ANY (app_ids('app.referent_comuni'))`,
    insert: `(app_flag('app.admin') AND role IN ('CONSORTIUM_RTD', 'REGIONAL_OBSERVER'))
      OR (consortium_id = ANY (app_ids('app.rtd_consortia'))
          AND role IN ('CONSORTIUM_STAFF', 'AUDITOR', 'COMUNE_REFERENT', 'COMUNE_DELEGATE', 'COMUNE_VIEWER'))
      OR (comune_id = ANY (app_ids('app.referent_comuni')) AND role IN ('COMUNE_DELEGATE', 'COMUNE_VIEWER'))`,
    update: `(app_flag('app.admin') AND role IN ('CONSORTIUM_RTD', 'REGIONAL_OBSERVER'))
      OR (consortium_id = ANY (app_ids('app.rtd_consortia'))
          AND role IN ('CONSORTIUM_STAFF', 'AUDITOR', 'COMUNE_REFERENT', 'COMUNE_DELEGATE', 'COMUNE_VIEWER'))
      OR (comune_id = ANY (app_ids('app.referent_comuni')) AND role IN ('COMUNE_DELEGATE', 'COMUNE_VIEWER'))`,
  },
  {
    table: 'shared_objective',
    select: `consortium_id = ANY (app_ids('app.full_consortia')) OR id IN (SELECT objective_id FROM assignment)`,
    insert: `consortium_id = ANY (app_ids('app.manage_consortia'))`,
    update: `consortium_id = ANY (app_ids('app.manage_consortia'))`,
    delete: `consortium_id = ANY (app_ids('app.manage_consortia'))`,
  },
  {
    table: 'shared_objective_line',
    select: `consortium_id = ANY (app_ids('app.full_consortia')) OR objective_id IN (SELECT objective_id FROM assignment)`,
    insert: `consortium_id = ANY (app_ids('app.manage_consortia'))`,
    delete: `consortium_id = ANY (app_ids('app.manage_consortia'))`,
  },
  {
    table: 'push_run',
    select: `consortium_id = ANY (app_ids('app.full_consortia'))`,
    insert: `consortium_id = ANY (app_ids('app.manage_consortia'))`,
    update: `consortium_id = ANY (app_ids('app.manage_consortia'))`,
  },
  {
    table: 'assignment',
    select: `consortium_id = ANY (app_ids('app.full_consortia')) OR comune_id = ANY (app_ids('app.comuni')) OR ${DELEGATED}`,
    insert: `consortium_id = ANY (app_ids('app.manage_consortia'))`,
    update: `consortium_id = ANY (app_ids('app.manage_consortia')) OR comune_id = ANY (app_ids('app.referent_comuni')) OR ${DELEGATED}`,
  },
  { table: 'status_event', select: OF_VISIBLE_ASSIGNMENT, insert: REPORTS_ON_ASSIGNMENT },
  { table: 'evidence', select: OF_VISIBLE_ASSIGNMENT, insert: REPORTS_ON_ASSIGNMENT },
  {
    // Written by whoever changes state in that consortium; read and updated only by the relay.
    table: 'outbox',
    select: `app_flag('app.relay')`,
    insert: `app_flag('app.relay') OR app_flag('app.admin') OR consortium_id = ANY (app_ids('app.read_consortia'))`,
    update: `app_flag('app.relay')`,
  },
  {
    table: 'audit_log',
    select: `consortium_id = ANY (app_ids('app.audit_consortia'))`,
    insert: `actor_subject = app_text('app.subject')`,
  },
];

export class RowLevelSecurity1764000002000 implements MigrationInterface {
  name = 'RowLevelSecurity1764000002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(FUNCTIONS);
    for (const fn of [
      'app_ids(text)',
      'app_texts(text)',
      'app_flag(text)',
      'app_text(text)',
      'app_person()',
    ]) {
      await q.query(`GRANT EXECUTE ON FUNCTION ${fn} TO rtd_app`);
    }
    for (const policy of POLICIES) {
      const t = policy.table;
      await q.query(`ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${t} FORCE ROW LEVEL SECURITY`);
      await q.query(`CREATE POLICY ${t}_owner ON ${t} TO rtd_owner USING (true) WITH CHECK (true)`);
      await q.query(`CREATE POLICY ${t}_select ON ${t} FOR SELECT TO rtd_app USING (${policy.select})`);
      if (policy.insert) {
        await q.query(
          `CREATE POLICY ${t}_insert ON ${t} FOR INSERT TO rtd_app WITH CHECK (${policy.insert})`,
        );
      }
      if (policy.update) {
        await q.query(
          `CREATE POLICY ${t}_update ON ${t} FOR UPDATE TO rtd_app USING (${policy.update}) WITH CHECK (${policy.update})`,
        );
      }
      if (policy.delete) {
        await q.query(`CREATE POLICY ${t}_delete ON ${t} FOR DELETE TO rtd_app USING (${policy.delete})`);
      }
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const policy of [...POLICIES].reverse()) {
      const t = policy.table;
      for (const kind of ['owner', 'select', 'insert', 'update', 'delete']) {
        await q.query(`DROP POLICY IF EXISTS ${t}_${kind} ON ${t}`);
      }
      await q.query(`ALTER TABLE ${t} NO FORCE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${t} DISABLE ROW LEVEL SECURITY`);
    }
    await q.query(
      `DROP FUNCTION app_ids(text), app_texts(text), app_flag(text), app_text(text), app_person()`,
    );
  }
}
