import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Policies the planner can use (issue 14 point 2). The SELECT policies of the hot tables asked
 * other tables per row: `EXISTS (SELECT 1 FROM assignment x WHERE x.objective_id = id)` for the
 * objectives and their lines, `EXISTS (SELECT 1 FROM assignment x WHERE x.id = assignment_id)` for
 * a delegate's history and evidence, `comune_id IN (SELECT ... FROM comune ...)` for observers.
 * Each was a SubPlan run for every row the statement touched, itself through the policies of
 * the table it read: a consortium's summary as the RTD cost 15 times the same statement as the
 * owner.
 *
 * Now every visible row comes from a condition on the row's own columns against an array, and
 * each array is computed once per statement (an InitPlan): the signed settings, wrapped as
 * before, or one of three small functions below that read the caller's own rows by index:
 *
 * - objectives and their lines: the consortium's office as before, or `app_comune_objectives()`,
 *   the objectives of the assignments of the caller's municipalities (a referent's few dozen).
 *   Same rows as the EXISTS: an assignment's objective is of the assignment's consortium
 *   (foreign key), so an assignment visible through `app.full_consortia` has an objective
 *   visible through it too, and one visible to a regional observer has an objective visible
 *   through shared_objective_observer_select;
 * - history and evidence of a delegate: `app_delegated_assignments()`, the assignments delegated
 *   to the caller in its delegated municipalities (a delegate's few). The one narrowing: someone
 *   both delegate in a municipality and regional observer of its region no longer reads the
 *   history of the assignments not delegated to them (observers read aggregates, never history);
 * - a regional observer's assignments and consortium members: `app_region_comuni()`, the
 *   region's municipalities (empty, without reading, for everyone else);
 * - local plan lines: the consortia of the caller's municipalities, one aggregate over
 *   consortium_member (a municipality is in one consortium at most).
 *
 * The INSERT and UPDATE checks keep their form: they run once per written row, not per read row,
 * and the fan-out writes an assignment and its first history row in one statement.
 */

const full = `(SELECT app_ids('app.full_consortia'))::uuid[]`;
const comuni = `(SELECT app_ids('app.comuni'))::uuid[]`;
const delegateComuni = `(SELECT app_ids('app.delegate_comuni'))::uuid[]`;
const regions = `(SELECT app_texts('app.regions'))::text[]`;

/**
 * The arrays that replace the per-row subqueries, each computed once per statement (the policies
 * call them inside `(SELECT ...)`). SECURITY DEFINER, so that they read the rows they need by
 * index without the policies of the table they read (and without the planner, misled by those
 * policies' estimates, starting parallel workers for a few dozen rows); what they return is
 * exactly what the caller's own settings reach, nothing more.
 */
const FUNCTIONS = `
  -- Each reads the signed context once (app_context(), as app_ids() and app_person() do), answers
  -- an empty array without reading any table when the caller has nothing there, and keeps its
  -- plan for the session (PL/pgSQL).

  -- The objectives of the assignments of the caller's municipalities: all of those the caller
  -- reads (app.comuni), those delegated to the caller in its delegated ones. A referent's few dozen.
  CREATE FUNCTION app_comune_objectives() RETURNS uuid[]
  LANGUAGE plpgsql STABLE PARALLEL SAFE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  DECLARE
    ctx jsonb := app_context();
    comuni uuid[] := coalesce(nullif(ctx ->> 'app.comuni', ''), '{}')::uuid[];
    delegated uuid[] := coalesce(nullif(ctx ->> 'app.delegate_comuni', ''), '{}')::uuid[];
    person uuid := nullif(ctx ->> 'app.person_id', '')::uuid;
  BEGIN
    IF cardinality(comuni) = 0 AND (cardinality(delegated) = 0 OR person IS NULL) THEN
      RETURN '{}';
    END IF;
    RETURN (SELECT coalesce(array_agg(DISTINCT a.objective_id), '{}') FROM public.assignment a
             WHERE a.comune_id = ANY (comuni)
                OR (a.comune_id = ANY (delegated) AND a.delegate_person_id = person));
  END
  $$;

  -- The assignments delegated to the caller in its delegated municipalities: a delegate's few.
  CREATE FUNCTION app_delegated_assignments() RETURNS uuid[]
  LANGUAGE plpgsql STABLE PARALLEL SAFE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  DECLARE
    ctx jsonb := app_context();
    delegated uuid[] := coalesce(nullif(ctx ->> 'app.delegate_comuni', ''), '{}')::uuid[];
    person uuid := nullif(ctx ->> 'app.person_id', '')::uuid;
  BEGIN
    IF cardinality(delegated) = 0 OR person IS NULL THEN
      RETURN '{}';
    END IF;
    RETURN (SELECT coalesce(array_agg(a.id), '{}') FROM public.assignment a
             WHERE a.delegate_person_id = person AND a.comune_id = ANY (delegated));
  END
  $$;

  -- The municipalities of the caller's regions (regional observers).
  CREATE FUNCTION app_region_comuni() RETURNS uuid[]
  LANGUAGE plpgsql STABLE PARALLEL SAFE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  DECLARE
    regions text[] := coalesce(nullif(app_context() ->> 'app.regions', ''), '{}')::text[];
  BEGIN
    IF cardinality(regions) = 0 THEN
      RETURN '{}';
    END IF;
    RETURN (SELECT coalesce(array_agg(c.id), '{}') FROM public.comune c WHERE c.region_code = ANY (regions::bpchar[]));
  END
  $$;
`;
const NEW_FUNCTIONS = ['app_comune_objectives()', 'app_delegated_assignments()', 'app_region_comuni()'];

const OBJECTIVES_OF_MY_COMUNI = `(SELECT app_comune_objectives())::uuid[]`;
const DELEGATED_ASSIGNMENTS = `(SELECT app_delegated_assignments())::uuid[]`;
const REGION_COMUNI = `(SELECT app_region_comuni())::uuid[]`;
/** The consortia of the caller's municipalities (a municipality is in one at most), once per statement. */
const CONSORTIA_OF_MY_COMUNI = `(SELECT coalesce(array_agg(cm.consortium_id), '{}') FROM consortium_member cm
    WHERE cm.comune_id = ANY (${comuni}) OR cm.comune_id = ANY (${delegateComuni}))::uuid[]`;

const POLICIES: [name: string, table: string, clause: string][] = [
  [
    'shared_objective_select',
    'shared_objective',
    `consortium_id = ANY (${full}) OR id = ANY (${OBJECTIVES_OF_MY_COMUNI})`,
  ],
  [
    'shared_objective_line_select',
    'shared_objective_line',
    `consortium_id = ANY (${full}) OR objective_id = ANY (${OBJECTIVES_OF_MY_COMUNI})`,
  ],
  ...['status_event', 'evidence'].map((table): [string, string, string] => [
    `${table}_select`,
    table,
    `consortium_id = ANY (${full}) OR comune_id = ANY (${comuni})
      OR (comune_id = ANY (${delegateComuni}) AND assignment_id = ANY (${DELEGATED_ASSIGNMENTS}))`,
  ]),
  ['assignment_observer_select', 'assignment', `comune_id = ANY (${REGION_COMUNI})`],
  [
    'consortium_member_select',
    'consortium_member',
    `(SELECT app_flag('app.admin')) OR consortium_id = ANY ((SELECT app_ids('app.read_consortia'))::uuid[])
      OR comune_id = ANY (${REGION_COMUNI})`,
  ],
  [
    'plan_line_select',
    'plan_line',
    `(NOT is_local) OR owner_consortium_id = ANY (${full}) OR owner_consortium_id = ANY (${CONSORTIA_OF_MY_COMUNI})`,
  ],
];

export class PlannerFriendlyPolicies1764000021000 implements MigrationInterface {
  name = 'PlannerFriendlyPolicies1764000021000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(FUNCTIONS);
    for (const fn of NEW_FUNCTIONS) {
      await q.query(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`);
      await q.query(`GRANT EXECUTE ON FUNCTION ${fn} TO rtd_app`);
    }
    for (const [name, table, clause] of POLICIES) {
      await q.query(`ALTER POLICY ${name} ON ${table} USING (${clause})`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    // The previous clauses, as the migrations before this one left them.
    const before: Record<string, string> = {
      shared_objective_select: `consortium_id = ANY (${full})
        OR EXISTS (SELECT 1 FROM assignment x WHERE x.objective_id = shared_objective.id)`,
      shared_objective_line_select: `consortium_id = ANY (${full})
        OR EXISTS (SELECT 1 FROM assignment x WHERE x.objective_id = shared_objective_line.objective_id)`,
      status_event_select: `consortium_id = ANY (${full}) OR comune_id = ANY (${comuni})
        OR (comune_id = ANY (${delegateComuni}) AND EXISTS (SELECT 1 FROM assignment x WHERE x.id = status_event.assignment_id))`,
      evidence_select: `consortium_id = ANY (${full}) OR comune_id = ANY (${comuni})
        OR (comune_id = ANY (${delegateComuni}) AND EXISTS (SELECT 1 FROM assignment x WHERE x.id = evidence.assignment_id))`,
      assignment_observer_select: `comune_id IN (SELECT comune.id FROM comune WHERE comune.region_code::text = ANY (${regions}))`,
      consortium_member_select: `(SELECT app_flag('app.admin')) OR consortium_id = ANY ((SELECT app_ids('app.read_consortia'))::uuid[])
        OR comune_id IN (SELECT comune.id FROM comune WHERE comune.region_code::text = ANY (${regions}))`,
      plan_line_select: `(NOT is_local) OR owner_consortium_id = ANY (${full})
        OR owner_consortium_id IN (SELECT consortium_member.consortium_id FROM consortium_member
          WHERE consortium_member.comune_id = ANY (${comuni}) OR consortium_member.comune_id = ANY (${delegateComuni}))`,
    };
    for (const [name, table] of POLICIES) {
      await q.query(`ALTER POLICY ${name} ON ${table} USING (${before[name]})`);
    }
    await q.query(`DROP FUNCTION ${NEW_FUNCTIONS.join(', ')}`);
  }
}
