import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The consortium's own Piano (issue 25): versions (DRAFT -> APPROVED with the date and the act ->
 * PUBLISHED; the yearly update is a new DRAFT copied from the last), the schede intervento with
 * their Piano Triennale lines, the indicators, the values recorded per period (append-only: the
 * history is the table) and the history of every change. Owned by libs/plan.
 *
 * Who reads: the consortium's office, staff and auditors everything; the member comuni's people an
 * APPROVED or PUBLISHED version; a regional observer a PUBLISHED one only, of a consortium with a
 * member in its region (`app_piano_versions()`, once per statement). Who writes: the office (RTD
 * and staff), and only in a DRAFT: a trigger refuses any change under an approved version, the
 * database's second wall under the service's CONFLICT. A referent adds indicator values for its
 * comune only.
 */
const full = `(SELECT app_ids('app.full_consortia'))::uuid[]`;
const manage = `(SELECT app_ids('app.manage_consortia'))::uuid[]`;
const comuni = `(SELECT app_ids('app.comuni'))::uuid[]`;
const referent = `(SELECT app_ids('app.referent_comuni'))::uuid[]`;
const VISIBLE = `(SELECT app_piano_versions())::uuid[]`;

const FUNCTIONS = `
  -- The versions the caller reads as a member comune's person (APPROVED or PUBLISHED, of the
  -- consortium of its comuni) or as a regional observer (PUBLISHED, of a consortium with a member
  -- in its regions). The office's own reading goes through app.full_consortia instead.
  CREATE FUNCTION app_piano_versions() RETURNS uuid[]
  LANGUAGE plpgsql STABLE PARALLEL SAFE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  DECLARE
    ctx jsonb := app_context();
    mine uuid[] := coalesce(nullif(ctx ->> 'app.comuni', ''), '{}')::uuid[]
                   || coalesce(nullif(ctx ->> 'app.delegate_comuni', ''), '{}')::uuid[];
    regions text[] := coalesce(nullif(ctx ->> 'app.regions', ''), '{}')::text[];
  BEGIN
    IF cardinality(mine) = 0 AND cardinality(regions) = 0 THEN
      RETURN '{}';
    END IF;
    RETURN (SELECT coalesce(array_agg(v.id), '{}') FROM public.piano_version v
             WHERE (v.state IN ('APPROVED', 'PUBLISHED') AND v.consortium_id IN
                     (SELECT m.consortium_id FROM public.consortium_member m WHERE m.comune_id = ANY (mine)))
                OR (v.state = 'PUBLISHED' AND v.consortium_id IN
                     (SELECT m.consortium_id FROM public.consortium_member m JOIN public.comune c ON c.id = m.comune_id
                       WHERE c.region_code = ANY (regions::bpchar[]))));
  END
  $$;

  -- An approved or published version is the act the mayors approved: nothing under it changes.
  CREATE FUNCTION piano_refuse_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    version_id uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.piano_version_id ELSE NEW.piano_version_id END;
    frozen boolean;
  BEGIN
    -- Creating the shared objective that carries out an approved scheda links it: the one change
    -- allowed under an approved version (the scheda's content stays as approved).
    IF TG_TABLE_NAME = 'piano_intervento' AND TG_OP = 'UPDATE'
       AND (to_jsonb(NEW) - 'shared_objective_id' - 'version') = (to_jsonb(OLD) - 'shared_objective_id' - 'version') THEN
      RETURN NEW;
    END IF;
    SELECT v.state <> 'DRAFT' INTO frozen FROM public.piano_version v WHERE v.id = version_id;
    IF frozen OR (TG_OP = 'UPDATE' AND OLD.piano_version_id <> NEW.piano_version_id) THEN
      RAISE EXCEPTION 'piano version % is not a draft', version_id USING ERRCODE = 'check_violation';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END
  $$;

  -- A version moves DRAFT -> APPROVED -> PUBLISHED only; once approved its content never changes.
  CREATE FUNCTION piano_version_guard() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP = 'DELETE' THEN
      IF OLD.state <> 'DRAFT' THEN
        RAISE EXCEPTION 'piano version % is not a draft', OLD.id USING ERRCODE = 'check_violation';
      END IF;
      RETURN OLD;
    END IF;
    IF OLD.state <> 'DRAFT' AND (NEW.title, NEW.year, NEW.approved_on, NEW.approval_act, NEW.consortium_id, NEW.number)
         IS DISTINCT FROM (OLD.title, OLD.year, OLD.approved_on, OLD.approval_act, OLD.consortium_id, OLD.number) THEN
      RAISE EXCEPTION 'piano version % is not a draft', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    IF NOT ((OLD.state = NEW.state) OR (OLD.state = 'DRAFT' AND NEW.state = 'APPROVED')
            OR (OLD.state = 'APPROVED' AND NEW.state = 'PUBLISHED')) THEN
      RAISE EXCEPTION 'piano version % cannot move from % to %', OLD.id, OLD.state, NEW.state
        USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
  END
  $$;
`;

export class ConsortiumPlan1764000240000 implements MigrationInterface {
  name = 'ConsortiumPlan1764000240000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE piano_version (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        consortium_id uuid NOT NULL REFERENCES consortium(id) ON DELETE CASCADE,
        number integer NOT NULL CHECK (number >= 1),
        year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
        state text NOT NULL DEFAULT 'DRAFT' CHECK (state IN ('DRAFT', 'APPROVED', 'PUBLISHED')),
        copied_from_id uuid REFERENCES piano_version(id),
        approved_on date,
        approval_act text,
        published_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text NOT NULL,
        version integer NOT NULL DEFAULT 1,
        UNIQUE (consortium_id, number),
        CHECK ((state = 'DRAFT') = (approved_on IS NULL)),
        CHECK ((state = 'DRAFT') = (approval_act IS NULL)),
        CHECK ((state = 'PUBLISHED') = (published_at IS NOT NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX piano_version_one_draft ON piano_version (consortium_id) WHERE state = 'DRAFT'`,
    );
    await q.query(`
      CREATE TABLE piano_intervento (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        consortium_id uuid NOT NULL REFERENCES consortium(id) ON DELETE CASCADE,
        piano_version_id uuid NOT NULL REFERENCES piano_version(id) ON DELETE CASCADE,
        lineage_id uuid NOT NULL DEFAULT gen_random_uuid(),
        code text NOT NULL CHECK (length(code) BETWEEN 1 AND 30),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
        owner text,
        beneficiaries text,
        problem text,
        description text,
        expected_results text,
        impact text,
        constraints text,
        external_parties text,
        skills text,
        effort text CHECK (effort IN ('ALTO', 'MEDIO', 'BASSO')),
        benefit_direct text CHECK (benefit_direct IN ('ALTO', 'MEDIO', 'BASSO')),
        benefit_indirect text CHECK (benefit_indirect IN ('ALTO', 'MEDIO', 'BASSO')),
        costs jsonb NOT NULL DEFAULT '[]',
        funding jsonb NOT NULL DEFAULT '[]',
        axis text NOT NULL CHECK (axis IN ('SEMPLIFICAZIONE', 'PROMOZIONE', 'COMPETENZE', 'GOVERNANCE',
                                          'NUOVI_SERVIZI', 'INFRASTRUTTURE')),
        horizon text NOT NULL CHECK (horizon IN ('COMPLETED', 'IN_PROGRESS', 'SHORT_TERM', 'PROGRAMMED',
                                                 'MEDIUM_LONG_TERM', 'COMPLETED_BEFORE', 'REMOVED')),
        removed_reason text,
        implementation text NOT NULL DEFAULT 'NOT_STARTED'
          CHECK (implementation IN ('NOT_STARTED', 'IN_PROGRESS', 'COMPLETED', 'SUSPENDED')),
        start_period text CHECK (start_period ~ '^[0-9]{4}-S[12]$'),
        end_period text CHECK (end_period ~ '^[0-9]{4}-S[12]$'),
        comune_ids uuid[],
        shared_objective_id uuid REFERENCES shared_objective(id) ON DELETE SET NULL,
        position integer NOT NULL DEFAULT 0,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (piano_version_id, code),
        UNIQUE (piano_version_id, lineage_id),
        CHECK ((horizon = 'REMOVED') = (removed_reason IS NOT NULL)),
        CHECK (start_period IS NULL OR end_period IS NULL OR start_period <= end_period)
      )`);
    await q.query(
      `CREATE INDEX piano_intervento_version_idx ON piano_intervento (piano_version_id, position)`,
    );
    await q.query(`CREATE INDEX piano_intervento_objective_idx ON piano_intervento (shared_objective_id)`);
    await q.query(`
      CREATE TABLE piano_intervento_line (
        intervento_id uuid NOT NULL REFERENCES piano_intervento(id) ON DELETE CASCADE,
        consortium_id uuid NOT NULL REFERENCES consortium(id) ON DELETE CASCADE,
        piano_version_id uuid NOT NULL REFERENCES piano_version(id) ON DELETE CASCADE,
        edition_code text NOT NULL,
        line_code text NOT NULL,
        PRIMARY KEY (intervento_id, edition_code, line_code)
      )`);
    await q.query(`
      CREATE TABLE piano_indicator (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        consortium_id uuid NOT NULL REFERENCES consortium(id) ON DELETE CASCADE,
        piano_version_id uuid NOT NULL REFERENCES piano_version(id) ON DELETE CASCADE,
        intervento_id uuid NOT NULL REFERENCES piano_intervento(id) ON DELETE CASCADE,
        lineage_id uuid NOT NULL DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
        kind text NOT NULL CHECK (kind IN ('NUMBER', 'YES_NO', 'PERCENTAGE')),
        unit text,
        source text,
        direction text NOT NULL CHECK (direction IN ('INCREASE', 'DECREASE', 'MAINTAIN')),
        nature text NOT NULL CHECK (nature IN ('REALISATION', 'IMPACT')),
        aggregation text NOT NULL CHECK (aggregation IN ('SUM', 'MEAN', 'SHARE_YES')),
        baseline numeric(16, 4),
        baseline_date date,
        targets jsonb NOT NULL DEFAULT '[]',
        frequency text NOT NULL CHECK (frequency IN ('QUARTERLY', 'SEMIANNUAL', 'ANNUAL')),
        measured_by text NOT NULL CHECK (measured_by IN ('OFFICE', 'COMUNE')),
        position integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (piano_version_id, lineage_id)
      )`);
    await q.query(`CREATE INDEX piano_indicator_intervento_idx ON piano_indicator (intervento_id, position)`);
    await q.query(`CREATE INDEX piano_indicator_lineage_idx ON piano_indicator (lineage_id)`);
    // Values belong to the indicator's lineage, not to one version: monitoring goes on across the
    // yearly updates and after approval. Append-only: the newest row of (lineage, comune, period)
    // is the value, the older ones its history.
    await q.query(`
      CREATE TABLE piano_indicator_value (
        id bigserial PRIMARY KEY,
        consortium_id uuid NOT NULL REFERENCES consortium(id) ON DELETE CASCADE,
        indicator_lineage_id uuid NOT NULL,
        comune_id uuid REFERENCES comune(id),
        period text NOT NULL CHECK (period ~ '^[0-9]{4}-(S[12]|Q[1-4]|A)$'),
        value numeric(16, 4) NOT NULL,
        note text,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX piano_indicator_value_idx ON piano_indicator_value (indicator_lineage_id, period, comune_id, id DESC)`,
    );
    await q.query(`
      CREATE TABLE piano_history (
        id bigserial PRIMARY KEY,
        consortium_id uuid NOT NULL REFERENCES consortium(id) ON DELETE CASCADE,
        piano_version_id uuid NOT NULL,
        entity_type text NOT NULL,
        entity_id text NOT NULL,
        action text NOT NULL,
        changes jsonb NOT NULL DEFAULT '{}',
        actor_subject text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX piano_history_version_idx ON piano_history (piano_version_id, id DESC)`);
    await q.query(FUNCTIONS);
    await q.query(`REVOKE ALL ON FUNCTION app_piano_versions() FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION app_piano_versions() TO rtd_app`);
    await q.query(`CREATE TRIGGER piano_version_guard BEFORE UPDATE OR DELETE ON piano_version
      FOR EACH ROW EXECUTE FUNCTION piano_version_guard()`);
    for (const table of ['piano_intervento', 'piano_intervento_line', 'piano_indicator']) {
      await q.query(`CREATE TRIGGER ${table}_frozen BEFORE INSERT OR UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION piano_refuse_frozen()`);
    }
    await q.query(`CREATE TRIGGER piano_history_append_only BEFORE UPDATE OR DELETE ON piano_history
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_rewrite()`);

    const tables = [
      'piano_version',
      'piano_intervento',
      'piano_intervento_line',
      'piano_indicator',
      'piano_indicator_value',
      'piano_history',
    ];
    for (const table of tables) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await q.query(`CREATE POLICY ${table}_owner ON ${table} TO rtd_owner USING (true) WITH CHECK (true)`);
    }
    const versionColumn: Record<string, string> = {
      piano_version: 'id',
      piano_intervento: 'piano_version_id',
      piano_intervento_line: 'piano_version_id',
      piano_indicator: 'piano_version_id',
    };
    for (const [table, column] of Object.entries(versionColumn)) {
      await q.query(`CREATE POLICY ${table}_select ON ${table} FOR SELECT TO rtd_app
        USING (consortium_id = ANY (${full}) OR ${column} = ANY (${VISIBLE}))`);
      await q.query(`CREATE POLICY ${table}_insert ON ${table} FOR INSERT TO rtd_app
        WITH CHECK (consortium_id = ANY (${manage}))`);
      await q.query(`CREATE POLICY ${table}_update ON ${table} FOR UPDATE TO rtd_app
        USING (consortium_id = ANY (${manage})) WITH CHECK (consortium_id = ANY (${manage}))`);
      await q.query(`CREATE POLICY ${table}_delete ON ${table} FOR DELETE TO rtd_app
        USING (consortium_id = ANY (${manage}))`);
      await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${table} TO rtd_app`);
    }
    // Values: the office reads and adds all of its consortium's; a comune's people read their
    // comune's, its referent adds them. Nobody rewrites one (append-only, no UPDATE or DELETE grant).
    await q.query(`CREATE POLICY piano_indicator_value_select ON piano_indicator_value FOR SELECT TO rtd_app
      USING (consortium_id = ANY (${full}) OR comune_id = ANY (${comuni}))`);
    await q.query(`CREATE POLICY piano_indicator_value_insert ON piano_indicator_value FOR INSERT TO rtd_app
      WITH CHECK (recorded_by = (SELECT app_text('app.subject'))
        AND (consortium_id = ANY (${manage}) OR comune_id = ANY (${referent})))`);
    await q.query(`GRANT SELECT, INSERT ON piano_indicator_value TO rtd_app`);
    await q.query(`GRANT USAGE ON SEQUENCE piano_indicator_value_id_seq TO rtd_app`);
    // History: read by the office, written with each change by the office (or a referent's value).
    await q.query(`CREATE POLICY piano_history_select ON piano_history FOR SELECT TO rtd_app
      USING (consortium_id = ANY (${full}))`);
    await q.query(`CREATE POLICY piano_history_insert ON piano_history FOR INSERT TO rtd_app
      WITH CHECK (actor_subject = (SELECT app_text('app.subject'))
        AND (consortium_id = ANY (${manage}) OR consortium_id = ANY ((SELECT app_ids('app.read_consortia'))::uuid[])))`);
    await q.query(`GRANT SELECT, INSERT ON piano_history TO rtd_app`);
    await q.query(`GRANT USAGE ON SEQUENCE piano_history_id_seq TO rtd_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE piano_history, piano_indicator_value, piano_indicator, piano_intervento_line,
      piano_intervento, piano_version`);
    await q.query(`DROP FUNCTION piano_version_guard(), piano_refuse_frozen(), app_piano_versions()`);
  }
}
