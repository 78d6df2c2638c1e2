import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The database's second wall no longer trusts settings the application role can write itself.
 *
 * Until now policies read `app.*` settings, and any SQL run as rtd_app (an injection, say) could
 * `set_config('app.admin', 'on', true)` and see every consortium. Now:
 *
 * - The application signs a transaction's settings (one JSON text) with HMAC-SHA256 under a key
 *   derived from DB_CONTEXT_KEY (libs/kernel/src/database/db-context.ts). The owner stores the
 *   same key in `app_context_key`, which rtd_app cannot read (libs/platform `migrate`).
 * - `app_set_context(context, mac)`, SECURITY DEFINER, checks the HMAC, then keeps the text in
 *   `app.context` with a second HMAC in `app.context_sig`, bound to the backend and to the
 *   transaction's start: a signature read by rtd_app is worthless in any other transaction.
 * - `app_context()`, SECURITY DEFINER and STABLE, returns the settings only while that second
 *   HMAC matches, `{}` (no tenant at all) otherwise; `app_ids()` and the other helpers every
 *   policy uses read through it. Nothing reads `app.admin` or any other loose setting any more.
 * - Every call of a helper in an rtd_app policy is wrapped as `(SELECT app_ids(...))`, an
 *   InitPlan: evaluated once per statement rather than once per row.
 *
 * (Since 1764000285000-verified-context-once.ts the signature is checked once per transaction:
 * app_set_context keeps the verified settings in a temporary table of its owner's, which
 * app_context() reads; the transaction-bound HMAC remains the fallback where there is none.)
 *
 * And four rules catch up with the application's: people are visible only when they share a
 * tenant with the caller; a membership's municipality must belong to its consortium; the
 * outbox takes messages only from who may cause them, for the consortium they name; lines and
 * push runs must name the consortium of their objective, and an assignment a member of its
 * consortium. History and evidence keep their rule: the fan-out writes an assignment and its first
 * history row in one statement, where a check on the assignment would not see it yet.
 */

const FUNCTIONS = `
  CREATE EXTENSION IF NOT EXISTS pgcrypto;

  CREATE TABLE app_context_key (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    key bytea NOT NULL CHECK (octet_length(key) >= 32),
    stored_at timestamptz NOT NULL DEFAULT now()
  );
  REVOKE ALL ON app_context_key FROM PUBLIC;

  -- What ties a signature to one transaction of one backend (numbers: no DateStyle or TimeZone).
  CREATE FUNCTION app_context_binding() RETURNS text LANGUAGE sql STABLE AS $$
    SELECT pg_backend_pid()::text || '/' || extract(epoch FROM transaction_timestamp())::text || '/'
  $$;

  CREATE FUNCTION app_set_context(context text, mac text) RETURNS void
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  DECLARE
    k bytea := (SELECT key FROM public.app_context_key);
  BEGIN
    IF k IS NULL THEN
      RAISE EXCEPTION 'app_set_context: no key stored (run the migrations with DB_CONTEXT_KEY)'
        USING ERRCODE = '28000';
    END IF;
    IF mac IS NULL OR context IS NULL
       OR encode(public.hmac(convert_to(context, 'UTF8'), k, 'sha256'), 'hex') <> lower(mac) THEN
      RAISE EXCEPTION 'app_set_context: bad signature' USING ERRCODE = '28000';
    END IF;
    IF jsonb_typeof(context::jsonb) <> 'object' THEN
      RAISE EXCEPTION 'app_set_context: not an object' USING ERRCODE = '22023';
    END IF;
    PERFORM set_config('app.context', context, true);
    PERFORM set_config('app.context_sig',
      encode(public.hmac(convert_to(app_context_binding() || context, 'UTF8'), k, 'sha256'), 'hex'), true);
  END
  $$;

  CREATE FUNCTION app_context() RETURNS jsonb
  LANGUAGE sql STABLE PARALLEL SAFE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT CASE
      WHEN encode(public.hmac(convert_to(app_context_binding() || v.context, 'UTF8'), k.key, 'sha256'), 'hex')
           = v.sig
      THEN v.context::jsonb
      ELSE '{}'::jsonb
    END
    FROM (SELECT current_setting('app.context', true) AS context,
                 current_setting('app.context_sig', true) AS sig) v
    LEFT JOIN public.app_context_key k ON true
  $$;

  CREATE OR REPLACE FUNCTION app_ids(setting text) RETURNS uuid[] LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT coalesce(nullif(app_context() ->> setting, ''), '{}')::uuid[]
  $$;
  CREATE OR REPLACE FUNCTION app_texts(setting text) RETURNS text[] LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT coalesce(nullif(app_context() ->> setting, ''), '{}')::text[]
  $$;
  CREATE OR REPLACE FUNCTION app_flag(setting text) RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT coalesce(app_context() ->> setting, '') = 'on'
  $$;
  CREATE OR REPLACE FUNCTION app_text(setting text) RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT nullif(app_context() ->> setting, '')
  $$;
  CREATE OR REPLACE FUNCTION app_person() RETURNS uuid LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT nullif(app_context() ->> 'app.person_id', '')::uuid
  $$;

  -- The people who share a tenant with the caller: everyone with a role in a consortium whose
  -- office the caller is in; the offices of the consortia the caller reads; everyone of the
  -- caller's municipalities; fellow observers of the caller's regions; platform administrators.
  -- Revoked roles count: their holders' names stay in histories. Reads every membership, hence
  -- SECURITY DEFINER (a referent does not read the office's memberships, but sees its names).
  CREATE FUNCTION app_people() RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    WITH c AS MATERIALIZED (
      SELECT app_ids('app.full_consortia') AS full_consortia,
             app_ids('app.read_consortia') AS read_consortia,
             app_ids('app.comuni') || app_ids('app.referent_comuni') || app_ids('app.delegate_comuni') AS comuni,
             app_texts('app.regions') AS regions,
             app_flag('app.has_role') AS has_role
    )
    SELECT DISTINCT m.person_id FROM public.membership m, c
     WHERE m.person_id IS NOT NULL AND (
       m.consortium_id = ANY (c.full_consortia)
       OR (m.comune_id IS NULL AND m.consortium_id = ANY (c.read_consortia))
       OR m.comune_id = ANY (c.comuni)
       OR trim(m.region_code) = ANY (c.regions)
       OR (m.role = 'PLATFORM_ADMIN' AND c.has_role))
  $$;

  -- Whoever may grant a role finds (or creates) the person of a fiscal code, and learns only the
  -- id: the person becomes readable once the role is granted.
  CREATE FUNCTION app_enrol_person(p_fiscal_code text, p_given_name text, p_family_name text, p_email text)
  RETURNS uuid LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  DECLARE
    found uuid;
  BEGIN
    IF NOT (app_flag('app.admin') OR cardinality(app_ids('app.rtd_consortia')) > 0
            OR cardinality(app_ids('app.referent_comuni')) > 0) THEN
      RAISE EXCEPTION 'app_enrol_person: the caller grants no role' USING ERRCODE = '42501';
    END IF;
    INSERT INTO public.person (fiscal_code, given_name, family_name, email)
      VALUES (p_fiscal_code, p_given_name, p_family_name, p_email)
      ON CONFLICT (fiscal_code) DO NOTHING RETURNING id INTO found;
    IF found IS NULL THEN
      SELECT id INTO found FROM public.person WHERE fiscal_code = p_fiscal_code;
    END IF;
    RETURN found;
  END
  $$;
`;

const NEW_FUNCTIONS = [
  'app_context_binding()',
  'app_set_context(text, text)',
  'app_context()',
  'app_people()',
  'app_enrol_person(text, text, text, text)',
];

/** The helpers' bodies before: plain settings, which rtd_app can write. */
const OLD_HELPERS = `
  CREATE OR REPLACE FUNCTION app_ids(setting text) RETURNS uuid[] LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT coalesce(nullif(current_setting(setting, true), ''), '{}')::uuid[]
  $$;
  CREATE OR REPLACE FUNCTION app_texts(setting text) RETURNS text[] LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT coalesce(nullif(current_setting(setting, true), ''), '{}')::text[]
  $$;
  CREATE OR REPLACE FUNCTION app_flag(setting text) RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT coalesce(current_setting(setting, true), '') = 'on'
  $$;
  CREATE OR REPLACE FUNCTION app_text(setting text) RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT nullif(current_setting(setting, true), '')
  $$;
  CREATE OR REPLACE FUNCTION app_person() RETURNS uuid LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT nullif(current_setting('app.person_id', true), '')::uuid
  $$;
`;

const MEMBER_OF_CONSORTIUM = `EXISTS (SELECT 1 FROM consortium_member cm
  WHERE cm.consortium_id = membership.consortium_id AND cm.comune_id = membership.comune_id)`;
const OF_SAME_OBJECTIVE = (table: string) => `EXISTS (SELECT 1 FROM shared_objective o
  WHERE o.id = ${table}.objective_id AND o.consortium_id = ${table}.consortium_id)`;

/** [policy, table, command, clause after, clause before] */
const CHANGED: [string, string, string, string, string][] = [
  [
    'person_select',
    'person',
    'FOR SELECT TO rtd_app USING',
    `app_flag('app.admin') OR id = app_person() OR fiscal_code = app_text('app.fiscal_code')
      OR id IN (SELECT app_people())`,
    `app_flag('app.admin') OR app_flag('app.has_role') OR id = app_person()
      OR fiscal_code = app_text('app.fiscal_code')`,
  ],
  [
    // Granting a role to someone else goes through app_enrol_person.
    'person_insert',
    'person',
    'FOR INSERT TO rtd_app WITH CHECK',
    `app_flag('app.admin') OR fiscal_code = app_text('app.fiscal_code')`,
    `app_flag('app.admin') OR fiscal_code = app_text('app.fiscal_code')
      OR cardinality(app_ids('app.rtd_consortia')) > 0 OR cardinality(app_ids('app.referent_comuni')) > 0`,
  ],
  [
    'membership_insert',
    'membership',
    'FOR INSERT TO rtd_app WITH CHECK',
    `(app_flag('app.admin') AND role IN ('CONSORTIUM_RTD', 'REGIONAL_OBSERVER'))
      OR (consortium_id = ANY (app_ids('app.rtd_consortia'))
          AND role IN ('CONSORTIUM_STAFF', 'AUDITOR', 'COMUNE_REFERENT', 'COMUNE_DELEGATE', 'COMUNE_VIEWER')
          AND (comune_id IS NULL OR ${MEMBER_OF_CONSORTIUM}))
      OR (comune_id = ANY (app_ids('app.referent_comuni')) AND role IN ('COMUNE_DELEGATE', 'COMUNE_VIEWER')
          AND ${MEMBER_OF_CONSORTIUM})`,
    `(app_flag('app.admin') AND role IN ('CONSORTIUM_RTD', 'REGIONAL_OBSERVER'))
      OR (consortium_id = ANY (app_ids('app.rtd_consortia'))
          AND role IN ('CONSORTIUM_STAFF', 'AUDITOR', 'COMUNE_REFERENT', 'COMUNE_DELEGATE', 'COMUNE_VIEWER'))
      OR (comune_id = ANY (app_ids('app.referent_comuni')) AND role IN ('COMUNE_DELEGATE', 'COMUNE_VIEWER'))`,
  ],
  [
    // Publishing (push runs) and review decisions (mails) are the RTD office's; jobs are the relay's.
    'outbox_insert',
    'outbox',
    'FOR INSERT TO rtd_app WITH CHECK',
    `(payload ->> 'consortiumId') IS NOT DISTINCT FROM consortium_id::text
      AND (app_flag('app.relay') OR consortium_id = ANY (app_ids('app.manage_consortia')))`,
    `app_flag('app.relay') OR app_flag('app.admin') OR consortium_id = ANY (app_ids('app.read_consortia'))`,
  ],
  ...['shared_objective_line', 'push_run'].map((table): [string, string, string, string, string] => [
    `${table}_insert`,
    table,
    'FOR INSERT TO rtd_app WITH CHECK',
    `consortium_id = ANY (app_ids('app.manage_consortia')) AND ${OF_SAME_OBJECTIVE(table)}`,
    `consortium_id = ANY (app_ids('app.manage_consortia'))`,
  ]),
  [
    // Its objective's consortium is not checked here: reading shared_objective from this policy
    // would recurse (shared_objective_select reads assignment). The fan-out takes both from one job.
    'assignment_insert',
    'assignment',
    'FOR INSERT TO rtd_app WITH CHECK',
    `consortium_id = ANY (app_ids('app.manage_consortia'))
      AND EXISTS (SELECT 1 FROM consortium_member cm
        WHERE cm.consortium_id = assignment.consortium_id AND cm.comune_id = assignment.comune_id)`,
    `consortium_id = ANY (app_ids('app.manage_consortia'))`,
  ],
  [
    'audit_log_insert',
    'audit_log',
    'FOR INSERT TO rtd_app WITH CHECK',
    `actor_subject = app_text('app.subject')
      AND (consortium_id IS NULL OR app_flag('app.admin') OR consortium_id = ANY (app_ids('app.read_consortia')))`,
    `actor_subject = app_text('app.subject')`,
  ],
];

/** A helper call as PostgreSQL prints it in a policy, not already inside `(SELECT ...)`. */
const BARE_HELPER = /(?<!SELECT )\b(app_(?:ids|texts|flag|text)\('[a-z_.]+'::text\)|app_person\(\))/g;
/** The same call wrapped, as PostgreSQL prints it back (with a cast after `= ANY`). */
const WRAPPED_HELPER =
  /\( SELECT (app_(?:ids|texts|flag|text)\('[a-z_.]+'::text\)|app_person\(\)) AS \w+\)(?:::(?:uuid|text)\[\])?/g;

/**
 * `x = ANY ((SELECT ...))` would read as `x IN (SELECT ...)`: the array-valued calls get a cast,
 * which makes them an expression (PostgreSQL prints them back the same way).
 */
function wrap(call: string): string {
  if (call.startsWith('app_ids(')) return `(SELECT ${call})::uuid[]`;
  if (call.startsWith('app_texts(')) return `(SELECT ${call})::text[]`;
  return `(SELECT ${call})`;
}

interface PolicyRow {
  policyname: string;
  tablename: string;
  qual: string | null;
  with_check: string | null;
}

async function rewriteHelpers(q: QueryRunner, rewrite: (clause: string) => string): Promise<void> {
  const policies: PolicyRow[] = await q.query(
    `SELECT policyname, tablename, qual, with_check FROM pg_policies
      WHERE schemaname = 'public' AND 'rtd_app' = ANY (roles) ORDER BY tablename, policyname`,
  );
  for (const p of policies) {
    const parts: string[] = [];
    if (p.qual && rewrite(p.qual) !== p.qual) parts.push(`USING (${rewrite(p.qual)})`);
    if (p.with_check && rewrite(p.with_check) !== p.with_check)
      parts.push(`WITH CHECK (${rewrite(p.with_check)})`);
    if (parts.length > 0) await q.query(`ALTER POLICY ${p.policyname} ON ${p.tablename} ${parts.join(' ')}`);
  }
}

export class SignedTenantContext1764000009000 implements MigrationInterface {
  name = 'SignedTenantContext1764000009000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(FUNCTIONS);
    for (const fn of NEW_FUNCTIONS) {
      await q.query(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`);
      await q.query(`GRANT EXECUTE ON FUNCTION ${fn} TO rtd_app`);
    }
    for (const [name, table, command, after] of CHANGED) {
      await q.query(`DROP POLICY ${name} ON ${table}`);
      await q.query(`CREATE POLICY ${name} ON ${table} ${command} (${after})`);
    }
    await rewriteHelpers(q, (clause) => clause.replace(BARE_HELPER, (call) => wrap(call)));
  }

  async down(q: QueryRunner): Promise<void> {
    await rewriteHelpers(q, (clause) => clause.replace(WRAPPED_HELPER, '$1'));
    for (const [name, table, command, , before] of CHANGED) {
      await q.query(`DROP POLICY ${name} ON ${table}`);
      await q.query(`CREATE POLICY ${name} ON ${table} ${command} (${before})`);
    }
    await q.query(OLD_HELPERS);
    await q.query(`DROP FUNCTION ${NEW_FUNCTIONS.join(', ')}`);
    await q.query(`DROP TABLE app_context_key`);
  }
}
