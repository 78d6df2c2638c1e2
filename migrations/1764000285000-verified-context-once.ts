import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The signed tenant context is verified once per transaction, not once per policy InitPlan
 * (issue 28). Until now `app_context()` recomputed the HMAC that binds `app.context` to the
 * backend and the transaction, and parsed its JSON, in every InitPlan of every statement: about
 * 0.1-0.25 ms each, four to six of them in an assignment read by id (0.13 ms as the owner).
 *
 * - `app_set_context(context, mac)` checks the signature as before, keeps `app.context` and its
 *   transaction-bound `app.context_sig` as before, and also writes the verified settings, parsed
 *   (jsonb), into `pg_temp.app_verified_context`: a temporary table of the session, created on
 *   first use by the function's owner, which rtd_app can neither read nor write. Its one row is
 *   bound to the transaction's id (`pg_current_xact_id()`, 64 bits, never reused).
 * - `app_context()` (plpgsql, plans kept per session) returns that row when the table is the
 *   owner's (`pg_class.relowner`) and the row is this transaction's: no HMAC, no JSON parse.
 *   Without such a row it falls back to the previous check of `app.context_sig`: a transaction
 *   that never called `app_set_context` gets `{}`; a read-only transaction with no table yet, or
 *   a hot standby (no temporary table can be written there), works as before, HMAC per InitPlan.
 * - What closes the new paths: the table name is always schema-qualified (`pg_temp.`) under the
 *   functions' `SET search_path`; a table of that name owned by anyone else is never read, and
 *   `app_set_context` refuses to run beside one (42501); a row written by an earlier transaction
 *   (committed, or rolled back and so never visible) is bound to another transaction id, and a
 *   savepoint rolled back takes its row version back with
 *   its `set_config`; `DISCARD TEMP` (allowed to any role) only sends `app_context()` back to the
 *   signature check, which still holds; forging `app.context` with `set_config` changes nothing
 *   once the row exists. And rtd_app loses TEMPORARY on the database (PUBLIC had it), so it
 *   creates no temporary table at all: it never needed one. A clone (CREATE DATABASE ... TEMPLATE)
 *   does not inherit database grants: apps/cli database-setup revokes it again on the clones it
 *   makes; the owner check holds wherever it is not revoked.
 * - `app_context()` and every helper that calls it are PARALLEL RESTRICTED: a parallel worker
 *   cannot read the session's temporary tables. Policies call them as InitPlans, which the leader
 *   evaluates, so plans keep their shape.
 * - Not ON COMMIT DELETE ROWS: truncating the table at every commit cost about 6 ms per
 *   transaction (pgbench, on the shared benchmark machine), far more than it saved. Without it the
 *   row is updated in place (no index, so a HOT update, pruned on the table's one page), and the
 *   jsonb stays in the row (STORAGE MAIN) rather than in a TOAST table that nothing vacuums.
 * - `app_comune_objectives()` (migrations/1764000021000), now most of what an assignment read by
 *   id as a referent pays for its policies, skips the delegated branch when the caller has no
 *   delegated municipality: one index condition instead of a BitmapOr (about 0.05 ms less).
 * - The price: the write gives every transaction that applies settings a transaction id, so a
 *   read-only request now consumes one (and writes a commit record, not waited for), and
 *   anti-wraparound autovacuum comes round sooner (docs/security.md).
 */

const VERIFIED_TABLE_IS_OURS = `(SELECT r.relowner FROM pg_catalog.pg_class r WHERE r.oid = verified) = current_user::regrole`;

const FUNCTIONS = `
  CREATE OR REPLACE FUNCTION app_set_context(context text, mac text) RETURNS void
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  DECLARE
    k bytea := (SELECT key FROM public.app_context_key);
    parsed jsonb;
    verified oid;
  BEGIN
    IF k IS NULL THEN
      RAISE EXCEPTION 'app_set_context: no key stored (run the migrations with DB_CONTEXT_KEY)'
        USING ERRCODE = '28000';
    END IF;
    IF mac IS NULL OR context IS NULL
       OR encode(public.hmac(convert_to(context, 'UTF8'), k, 'sha256'), 'hex') <> lower(mac) THEN
      RAISE EXCEPTION 'app_set_context: bad signature' USING ERRCODE = '28000';
    END IF;
    parsed := context::jsonb;
    IF jsonb_typeof(parsed) <> 'object' THEN
      RAISE EXCEPTION 'app_set_context: not an object' USING ERRCODE = '22023';
    END IF;
    -- The signed copy: what app_context() checks when there is no verified row (a standby).
    PERFORM set_config('app.context', context, true);
    PERFORM set_config('app.context_sig',
      encode(public.hmac(convert_to(app_context_binding() || context, 'UTF8'), k, 'sha256'), 'hex'), true);
    -- The verified copy, read by app_context() without an HMAC. Created once per session where
    -- temporary tables can be written (not in a read-only transaction, never on a standby).
    verified := pg_catalog.to_regclass('pg_temp.app_verified_context');
    IF verified IS NULL THEN
      IF pg_catalog.current_setting('transaction_read_only')::boolean
         OR NOT pg_catalog.has_database_privilege(pg_catalog.current_database(), 'TEMPORARY') THEN
        RETURN;
      END IF;
      CREATE TEMPORARY TABLE app_verified_context (context jsonb NOT NULL, bound_to xid8 NOT NULL);
      -- Kept in the row, compressed if need be, rather than in a TOAST table that nothing vacuums.
      ALTER TABLE pg_temp.app_verified_context ALTER COLUMN context SET STORAGE MAIN;
      verified := 'pg_temp.app_verified_context'::regclass;
    END IF;
    IF NOT ${VERIFIED_TABLE_IS_OURS} THEN
      RAISE EXCEPTION 'app_set_context: pg_temp.app_verified_context is not the owner''s'
        USING ERRCODE = '42501';
    END IF;
    UPDATE pg_temp.app_verified_context SET context = parsed, bound_to = pg_current_xact_id();
    IF NOT FOUND THEN
      INSERT INTO pg_temp.app_verified_context (context, bound_to) VALUES (parsed, pg_current_xact_id());
    END IF;
  END
  $$;

  CREATE OR REPLACE FUNCTION app_context() RETURNS jsonb
  LANGUAGE plpgsql STABLE PARALLEL RESTRICTED SECURITY DEFINER SET search_path = public, pg_temp AS $$
  DECLARE
    verified oid := pg_catalog.to_regclass('pg_temp.app_verified_context');
    found_context jsonb;
  BEGIN
    IF verified IS NOT NULL AND ${VERIFIED_TABLE_IS_OURS} THEN
      SELECT v.context INTO found_context FROM pg_temp.app_verified_context v
       WHERE v.bound_to = pg_current_xact_id_if_assigned();
      IF found_context IS NOT NULL THEN
        RETURN found_context;
      END IF;
    END IF;
    IF coalesce(current_setting('app.context_sig', true), '') = '' THEN
      RETURN '{}';
    END IF;
    RETURN (SELECT CASE
        WHEN encode(public.hmac(convert_to(app_context_binding() || v.context, 'UTF8'), k.key, 'sha256'), 'hex')
             = v.sig
        THEN v.context::jsonb
        ELSE '{}'::jsonb
      END
      FROM (SELECT current_setting('app.context', true) AS context,
                   current_setting('app.context_sig', true) AS sig) v
      LEFT JOIN public.app_context_key k ON true);
  END
  $$;
`;

/** The body of app_comune_objectives() once it has the caller's municipalities and delegations. */
const COMUNE_OBJECTIVES = (withoutDelegations: string) => `
  CREATE OR REPLACE FUNCTION app_comune_objectives() RETURNS uuid[]
  LANGUAGE plpgsql STABLE PARALLEL SAFE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  DECLARE
    ctx jsonb := app_context();
    comuni uuid[] := coalesce(nullif(ctx ->> 'app.comuni', ''), '{}')::uuid[];
    delegated uuid[] := coalesce(nullif(ctx ->> 'app.delegate_comuni', ''), '{}')::uuid[];
    person uuid := nullif(ctx ->> 'app.person_id', '')::uuid;
  BEGIN
    IF cardinality(comuni) = 0 AND (cardinality(delegated) = 0 OR person IS NULL) THEN
      RETURN '{}';
    END IF;${withoutDelegations}
    RETURN (SELECT coalesce(array_agg(DISTINCT a.objective_id), '{}') FROM public.assignment a
             WHERE a.comune_id = ANY (comuni)
                OR (a.comune_id = ANY (delegated) AND a.delegate_person_id = person));
  END
  $$;
`;
/** No delegation: the caller's municipalities only, one index condition (same rows). */
const WITHOUT_DELEGATIONS = `
    IF cardinality(delegated) = 0 OR person IS NULL THEN
      RETURN (SELECT coalesce(array_agg(DISTINCT a.objective_id), '{}') FROM public.assignment a
               WHERE a.comune_id = ANY (comuni));
    END IF;`;

/** The definitions of migrations/1764000009000-signed-tenant-context.ts. */
const PREVIOUS_FUNCTIONS = `
  CREATE OR REPLACE FUNCTION app_set_context(context text, mac text) RETURNS void
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

  CREATE OR REPLACE FUNCTION app_context() RETURNS jsonb
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
`;

/** Every function that reads app_context(), directly or through a helper, and was PARALLEL SAFE. */
const READERS = [
  'app_ids(text)',
  'app_texts(text)',
  'app_flag(text)',
  'app_text(text)',
  'app_person()',
  'app_comune_objectives()',
  'app_delegated_assignments()',
  'app_region_comuni()',
  'app_piano_versions()',
];

/** GRANT or REVOKE TEMPORARY on the current database (its name is known only at run time). */
const temporary = (statement: 'GRANT' | 'REVOKE', role: string) => `
  DO $$ BEGIN
    EXECUTE format('${statement} TEMPORARY ON DATABASE %I ${statement === 'GRANT' ? 'TO' : 'FROM'} ${role}',
      current_database());
  END $$`;

export class VerifiedContextOnce1764000285000 implements MigrationInterface {
  name = 'VerifiedContextOnce1764000285000';

  async up(q: QueryRunner): Promise<void> {
    // The owner of the functions keeps TEMPORARY (the database's owner may be another role).
    await q.query(temporary('GRANT', 'CURRENT_USER'));
    await q.query(temporary('REVOKE', 'PUBLIC'));
    await q.query(FUNCTIONS);
    await q.query(COMUNE_OBJECTIVES(WITHOUT_DELEGATIONS));
    for (const fn of READERS) await q.query(`ALTER FUNCTION ${fn} PARALLEL RESTRICTED`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(COMUNE_OBJECTIVES(''));
    for (const fn of READERS) await q.query(`ALTER FUNCTION ${fn} PARALLEL SAFE`);
    await q.query(PREVIOUS_FUNCTIONS);
    await q.query(temporary('GRANT', 'PUBLIC'));
  }
}
