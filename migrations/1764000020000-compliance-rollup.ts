import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The compliance rollup: counts of assignments kept in the same transaction as every change of an
 * assignment, so that a summary reads O(buckets), not O(assignments) (issue 14). The summary cache
 * (compliance_version) may stay, but no number depends on it.
 *
 * Two tables, because no single key serves every grouping with few rows:
 *
 * - compliance_objective_count (consortium, objective, region, status, due_date) -> n, where
 *   due_date is the assignment's OWN due date (null for most). OBJECTIVE, LINE, CHAPTER and
 *   CONSORTIUM summaries read it, joined to shared_objective for the title and the objective's due
 *   date: overdue is derived at read time by the very overdueSql() of libs/assignments/src/overdue.ts
 *   (coalesce(a.due_date, o.due_date) < today, status open), so an objective's due date change
 *   moves nothing here. About six rows per objective instead of one per comune.
 * - compliance_comune_count (consortium, comune, region, status, due_date) -> n, where due_date is the
 *   EFFECTIVE due date, coalesce(assignment's, objective's), since there is no objective column to
 *   join. COMUNE and PROVINCE summaries read it. Due dates cluster on the objectives' deadlines, so a
 *   comune has (statuses x distinct deadlines) rows, not one per objective. Because it copies the
 *   objective's due date, an objective's due date change moves its assignments between buckets
 *   (trigger on shared_objective), and an assignment's trigger reads the objective's due date under
 *   FOR SHARE so that it cannot race with that change.
 *
 * region_code is the comune's region (functionally dependent on the comune): it lets the region
 * scope and the policy filter by an index, without a subquery. A comune that changes region
 * rebuilds the rollup of the consortia concerned.
 *
 * A bucket keyed by (objective, comune) would be one assignment: a summary narrowed to one
 * objective and grouped by COMUNE or PROVINCE reads those assignments directly (one per bucket).
 *
 * Maintenance: statement-level triggers with transition tables (a fan-out batch is one upsert per
 * table), security definer so that rtd_app writes the rollup only through them. Net deltas per
 * bucket, zero deltas dropped (a progress or issues update locks no bucket), applied with INSERT ...
 * ON CONFLICT DO UPDATE SET n = n + delta in key order (two writers lock shared buckets in the same
 * order: no deadlock within a statement; objective table first, then comune table), then the rows
 * that reached zero are deleted (found by the upsert's RETURNING, not by an index on n: n is in no
 * index, so an increment is a HOT update in the half-empty pages that fillfactor leaves). The
 * backfill writes each consortium's rows together, so that a summary reads few pages. Row locks of the upsert serialise writers of one bucket, so no
 * increment is lost. Membership (consortium_member) changes move nothing: summaries count
 * assignment rows by assignment.consortium_id, whatever the membership says today.
 */
const ROWS = `consortium_id, objective_id, comune_id, status, due_date`;

/**
 * Applies the deltas of `delta` (rows of an assignment's keys with d = +1 or -1) to both tables.
 * Static SQL, so that PL/pgSQL keeps its plans: the trigger below has one copy per operation,
 * each reading the transition tables that operation has.
 */
function applyDelta(delta: string): string {
  return `
    -- The objectives' due dates are read under FOR SHARE: an objective's due date change (which
    -- moves its assignments between comune buckets) waits for us, or we wait for it and then
    -- read its new due date.
    PERFORM 1 FROM shared_objective o
      WHERE o.id IN (SELECT d.objective_id FROM (${delta}) d)
      ORDER BY o.id FOR SHARE OF o;
    WITH up AS (
      INSERT INTO compliance_objective_count AS t (consortium_id, objective_id, region_code, status, due_date, n)
      SELECT d.consortium_id, d.objective_id, c.region_code, d.status, d.due_date, sum(d.d)::int
        FROM (${delta}) d JOIN comune c ON c.id = d.comune_id
       GROUP BY 1, 2, 3, 4, 5 HAVING sum(d.d) <> 0
       ORDER BY 1, 2, 3, 4, 5
      ON CONFLICT (consortium_id, objective_id, region_code, status, due_date) DO UPDATE SET n = t.n + EXCLUDED.n
      RETURNING t.ctid AS row_id, t.n)
    SELECT array_agg(row_id) FILTER (WHERE n = 0) INTO zeroed FROM up;
    -- A bucket at zero is deleted: we hold its row lock, so its row stays where RETURNING saw it.
    DELETE FROM compliance_objective_count WHERE ctid = ANY (zeroed);
    WITH up AS (
      INSERT INTO compliance_comune_count AS t (consortium_id, comune_id, region_code, status, due_date, n)
      SELECT d.consortium_id, d.comune_id, c.region_code, d.status, coalesce(d.due_date, o.due_date), sum(d.d)::int
        FROM (${delta}) d JOIN comune c ON c.id = d.comune_id JOIN shared_objective o ON o.id = d.objective_id
       GROUP BY 1, 2, 3, 4, 5 HAVING sum(d.d) <> 0
       ORDER BY 1, 2, 3, 4, 5
      ON CONFLICT (consortium_id, comune_id, status, due_date) DO UPDATE SET n = t.n + EXCLUDED.n
      RETURNING t.ctid AS row_id, t.n)
    SELECT array_agg(row_id) FILTER (WHERE n = 0) INTO zeroed FROM up;
    DELETE FROM compliance_comune_count WHERE ctid = ANY (zeroed);`;
}

/** An update that changes none of the counted columns (progress, issues, a delegate) does nothing. */
const ON_ASSIGNMENT = `
  CREATE FUNCTION compliance_rollup_on_assignment() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  DECLARE
    zeroed tid[];
  BEGIN
    IF TG_OP = 'INSERT' THEN
      ${applyDelta(`SELECT ${ROWS}, 1 AS d FROM new_rows`)}
    ELSIF TG_OP = 'DELETE' THEN
      ${applyDelta(`SELECT ${ROWS}, -1 AS d FROM old_rows`)}
    ELSIF EXISTS (
      SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id
       WHERE (o.consortium_id, o.objective_id, o.comune_id, o.status, o.due_date)
             IS DISTINCT FROM (n.consortium_id, n.objective_id, n.comune_id, n.status, n.due_date)) THEN
      ${applyDelta(`SELECT ${ROWS}, 1 AS d FROM new_rows UNION ALL SELECT ${ROWS}, -1 AS d FROM old_rows`)}
    END IF;
    RETURN NULL;
  END $$`;

/**
 * An objective's due date change moves its assignments without a due date of their own between
 * comune buckets. No assignment change races with it: this UPDATE holds the objective's row lock,
 * so an assignment trigger (which reads the objective FOR SHARE) waits for our commit and then
 * reads the new due date; one that ran before holds its FOR SHARE until it commits, so this UPDATE
 * waited for it and we read its assignments as committed.
 */
const ON_OBJECTIVE_DUE_DATE = `
  CREATE FUNCTION compliance_rollup_on_objective_due_date() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  DECLARE
    zeroed tid[];
  BEGIN
    WITH up AS (
      INSERT INTO compliance_comune_count AS t (consortium_id, comune_id, region_code, status, due_date, n)
      SELECT a.consortium_id, a.comune_id, c.region_code, a.status, m.due_date, sum(m.d)::int
        FROM old_rows o JOIN new_rows n ON n.id = o.id
        CROSS JOIN LATERAL (VALUES (o.due_date, -1), (n.due_date, 1)) AS m(due_date, d)
        JOIN assignment a ON a.objective_id = n.id AND a.consortium_id = n.consortium_id AND a.due_date IS NULL
        JOIN comune c ON c.id = a.comune_id
       WHERE o.due_date IS DISTINCT FROM n.due_date
       GROUP BY 1, 2, 3, 4, 5 HAVING sum(m.d) <> 0
       ORDER BY 1, 2, 3, 4, 5
      ON CONFLICT (consortium_id, comune_id, status, due_date) DO UPDATE SET n = t.n + EXCLUDED.n
      RETURNING t.ctid AS row_id, t.n)
    SELECT array_agg(row_id) FILTER (WHERE n = 0) INTO zeroed FROM up;
    DELETE FROM compliance_comune_count WHERE ctid = ANY (zeroed);
    RETURN NULL;
  END $$`;

/**
 * An objective's assignments leave the rollup while the objective (and so its due date) still
 * exists: the foreign key's cascade would delete them after it, when the comune bucket they sit in
 * could no longer be computed. Only never-published drafts are deleted by the application, and they
 * have no assignment; a consortium's deletion cascades through here too.
 */
const BEFORE_OBJECTIVE_DELETE = `
  CREATE FUNCTION compliance_rollup_before_objective_delete() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  BEGIN
    DELETE FROM assignment WHERE consortium_id = OLD.consortium_id AND objective_id = OLD.id;
    RETURN OLD;
  END $$`;

/** Recounts the rollup of some consortia from their assignments (the backfill, a comune's new region). */
const REBUILD = `
  CREATE FUNCTION compliance_rollup_rebuild(consortia uuid[]) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  BEGIN
    -- Writers of the rollup (row exclusive) wait until we commit, and we see all they committed.
    LOCK TABLE compliance_objective_count, compliance_comune_count IN SHARE ROW EXCLUSIVE MODE;
    DELETE FROM compliance_objective_count WHERE consortium_id = ANY (consortia);
    DELETE FROM compliance_comune_count WHERE consortium_id = ANY (consortia);
    INSERT INTO compliance_objective_count (consortium_id, objective_id, region_code, status, due_date, n)
    SELECT a.consortium_id, a.objective_id, c.region_code, a.status, a.due_date, count(*)
      FROM assignment a JOIN comune c ON c.id = a.comune_id
     WHERE a.consortium_id = ANY (consortia)
     GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5;
    INSERT INTO compliance_comune_count (consortium_id, comune_id, region_code, status, due_date, n)
    SELECT a.consortium_id, a.comune_id, c.region_code, a.status, coalesce(a.due_date, o.due_date), count(*)
      FROM assignment a JOIN comune c ON c.id = a.comune_id JOIN shared_objective o ON o.id = a.objective_id
     WHERE a.consortium_id = ANY (consortia)
     GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5;
  END $$`;

const ON_COMUNE_REGION = `
  CREATE FUNCTION compliance_rollup_on_comune_region() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  DECLARE
    touched uuid[];
  BEGIN
    SELECT array_agg(DISTINCT a.consortium_id) INTO touched
      FROM old_rows o JOIN new_rows n ON n.id = o.id JOIN assignment a ON a.comune_id = n.id
     WHERE o.region_code IS DISTINCT FROM n.region_code;
    IF touched IS NOT NULL THEN
      PERFORM compliance_rollup_rebuild(touched);
    END IF;
    RETURN NULL;
  END $$`;

export class ComplianceRollup1764000020000 implements MigrationInterface {
  name = 'ComplianceRollup1764000020000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE compliance_objective_count (
        consortium_id uuid NOT NULL REFERENCES consortium(id) ON DELETE CASCADE,
        objective_id uuid NOT NULL,
        region_code char(2) NOT NULL,
        status text NOT NULL,
        due_date date,
        n integer NOT NULL,
        CONSTRAINT compliance_objective_count_key
          UNIQUE NULLS NOT DISTINCT (consortium_id, objective_id, region_code, status, due_date)
      ) WITH (fillfactor = 50)`);
    await q.query(`CREATE INDEX compliance_objective_count_region_idx
      ON compliance_objective_count (region_code, consortium_id)`);
    await q.query(`
      CREATE TABLE compliance_comune_count (
        consortium_id uuid NOT NULL REFERENCES consortium(id) ON DELETE CASCADE,
        comune_id uuid NOT NULL REFERENCES comune(id),
        region_code char(2) NOT NULL,
        status text NOT NULL,
        due_date date,
        n integer NOT NULL,
        CONSTRAINT compliance_comune_count_key UNIQUE NULLS NOT DISTINCT (consortium_id, comune_id, status, due_date)
      ) WITH (fillfactor = 50)`);
    await q.query(`CREATE INDEX compliance_comune_count_region_idx
      ON compliance_comune_count (region_code, consortium_id)`);

    for (const table of ['compliance_objective_count', 'compliance_comune_count']) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await q.query(`CREATE POLICY ${table}_owner ON ${table} TO rtd_owner USING (true) WITH CHECK (true)`);
      // The readers of summaries: the consortium's office (RTD, staff, auditors) and the observers
      // of a region (for the rows of its comuni). rtd_app never writes: only the triggers do.
      await q.query(`CREATE POLICY ${table}_select ON ${table} FOR SELECT TO rtd_app
        USING (consortium_id = ANY ((SELECT app_ids('app.full_consortia'))::uuid[])
               OR region_code = ANY ((SELECT app_texts('app.regions'))::text[]))`);
      await q.query(`GRANT SELECT ON ${table} TO rtd_app`);
    }

    await q.query(ON_ASSIGNMENT);
    await q.query(ON_OBJECTIVE_DUE_DATE);
    await q.query(BEFORE_OBJECTIVE_DELETE);
    await q.query(REBUILD);
    await q.query(ON_COMUNE_REGION);
    for (const fn of [
      'compliance_rollup_rebuild(uuid[])',
      'compliance_rollup_on_assignment()',
      'compliance_rollup_on_objective_due_date()',
      'compliance_rollup_before_objective_delete()',
      'compliance_rollup_on_comune_region()',
    ]) {
      await q.query(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`);
    }

    await q.query(`CREATE TRIGGER assignment_rollup_insert AFTER INSERT ON assignment
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION compliance_rollup_on_assignment()`);
    await q.query(`CREATE TRIGGER assignment_rollup_update AFTER UPDATE ON assignment
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION compliance_rollup_on_assignment()`);
    await q.query(`CREATE TRIGGER assignment_rollup_delete AFTER DELETE ON assignment
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION compliance_rollup_on_assignment()`);
    await q.query(`CREATE TRIGGER shared_objective_rollup_due_date AFTER UPDATE ON shared_objective
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION compliance_rollup_on_objective_due_date()`);
    await q.query(`CREATE TRIGGER shared_objective_rollup_delete BEFORE DELETE ON shared_objective
      FOR EACH ROW EXECUTE FUNCTION compliance_rollup_before_objective_delete()`);
    await q.query(`CREATE TRIGGER comune_rollup_region AFTER UPDATE ON comune
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION compliance_rollup_on_comune_region()`);

    // The backfill: every consortium's counts from its assignments as they are now.
    await q.query(`SELECT compliance_rollup_rebuild(coalesce(array_agg(id), '{}')) FROM consortium`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER comune_rollup_region ON comune`);
    await q.query(`DROP TRIGGER shared_objective_rollup_delete ON shared_objective`);
    await q.query(`DROP TRIGGER shared_objective_rollup_due_date ON shared_objective`);
    for (const op of ['insert', 'update', 'delete']) {
      await q.query(`DROP TRIGGER assignment_rollup_${op} ON assignment`);
    }
    await q.query(`DROP FUNCTION compliance_rollup_on_comune_region()`);
    await q.query(`DROP FUNCTION compliance_rollup_rebuild(uuid[])`);
    await q.query(`DROP FUNCTION compliance_rollup_before_objective_delete()`);
    await q.query(`DROP FUNCTION compliance_rollup_on_objective_due_date()`);
    await q.query(`DROP FUNCTION compliance_rollup_on_assignment()`);
    await q.query(`DROP TABLE compliance_comune_count`);
    await q.query(`DROP TABLE compliance_objective_count`);
  }
}
