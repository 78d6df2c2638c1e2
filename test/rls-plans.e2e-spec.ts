import { Client } from 'pg';
import { AssignmentQuery, AssignmentsRepository } from '@rtd/assignments';
import { AccessScope, GrantedRole } from '@rtd/authz';
import { ComplianceGroupBy, complianceSummarySql } from '@rtd/compliance';
import { capturedStatements } from './support/sql-capture';
import { applySignedSettings, createTestDatabase, TestDatabase } from './support/test-database';

/** A plan node of `EXPLAIN (FORMAT JSON)`, with the fields this test reads. */
interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Parent Relationship'?: string;
  'Subplan Name'?: string;
  Filter?: string;
  Plans?: PlanNode[];
}

/** The tables whose rows a hot statement reads by the thousand. */
const HOT_TABLES = ['assignment', 'evidence', 'status_event', 'shared_objective', 'shared_objective_line'];

function walk(node: PlanNode, visit: (node: PlanNode) => void): void {
  visit(node);
  for (const child of node.Plans ?? []) walk(child, visit);
}

/** The tables a (sub)plan scans; with `perRowOnly`, not counting its InitPlans (run once). */
function relationsOf(node: PlanNode, perRowOnly = false): string[] {
  const relations: string[] = [];
  const visit = (n: PlanNode) => {
    if (n['Relation Name']) relations.push(n['Relation Name']);
    for (const child of n.Plans ?? []) {
      if (!(perRowOnly && child['Parent Relationship'] === 'InitPlan')) visit(child);
    }
  };
  visit(node);
  return relations;
}

/**
 * What is run per row in a plan: every SubPlan (an InitPlan, run once per statement, is fine),
 * and every Subquery Scan that filters, named by the tables it reads. Sorted, so two plans compare.
 */
function perRowWork(plan: PlanNode): string[] {
  const found: string[] = [];
  walk(plan, (node) => {
    if (node['Parent Relationship'] === 'SubPlan') {
      found.push(`SubPlan over ${[...new Set(relationsOf(node, true))].sort().join(', ')}`);
    }
    if (node['Node Type'] === 'Subquery Scan' && node.Filter) {
      found.push(`Subquery Scan filtering ${[...new Set(relationsOf(node, true))].sort().join(', ')}`);
    }
  });
  return found.sort();
}

/** What `actual` does per row that `expected` does not (a multiset difference). */
function extra(actual: string[], expected: string[]): string[] {
  const left = [...expected];
  return actual.filter((item) => {
    const at = left.indexOf(item);
    if (at < 0) return true;
    left.splice(at, 1);
    return false;
  });
}

/**
 * The bench's one-statement worklist (test/bench/src/main.ts, `worklistSql`, the floor of case C):
 * the shape a single-statement worklist takes, with its own per-row subqueries over lines and
 * evidence (those are the statement's, the owner's plan has them too).
 */
const BENCH_WORKLIST = `SELECT a.id, a.status, a.progress, o.title,
       (SELECT array_agg(l.code ORDER BY sol.position) FROM shared_objective_line sol JOIN plan_line l ON l.id = sol.plan_line_id WHERE sol.objective_id = o.id) AS lines,
       (SELECT array_agg(e.url ORDER BY e.added_at) FROM evidence e WHERE e.assignment_id = a.id) AS evidence
  FROM assignment a JOIN shared_objective o ON o.id = a.objective_id
 WHERE a.comune_id = $1 ORDER BY coalesce(a.due_date, o.due_date), a.id LIMIT 100`;

/**
 * Row-level security the planner can use (issue 14 point 2): on the hot statements, with the
 * settings of each kind of caller, the policies add no per-row subquery: the plan as rtd_app
 * runs nothing per row that the same statement's plan as the owner (no policies) does not.
 * A policy that asks another table per row (`EXISTS (SELECT 1 FROM assignment ...)`) fails here.
 */
describe('Row-level security plans', () => {
  let db: TestDatabase;
  let owner: Client;
  let app: Client;
  const ids: Record<string, string> = {};
  const callers: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
    owner = new Client({ connectionString: db.config.databaseOwnerUrl });
    app = new Client({ connectionString: db.config.databaseUrl });
    await owner.connect();
    await app.connect();
    const [consortium] = (await owner.query(`SELECT id FROM consortium ORDER BY name LIMIT 1`)).rows;
    ids.consortium = consortium.id;
    const [member] = (
      await owner.query(
        `SELECT m.comune_id, c.region_code FROM consortium_member m JOIN comune c ON c.id = m.comune_id
          WHERE m.consortium_id = $1 ORDER BY c.istat_code LIMIT 1`,
        [ids.consortium],
      )
    ).rows;
    ids.comune = member.comune_id;
    const region: string = member.region_code.trim();
    const person = await owner.query(
      `INSERT INTO person (fiscal_code, given_name, family_name) VALUES ('DLGPNS80A01F205X', 'Delegata', 'Piani')
       RETURNING id`,
    );
    ids.person = person.rows[0].id;
    const objective = await owner.query(
      `INSERT INTO shared_objective (consortium_id, title, edition_code, target, created_by, state, published_at)
       VALUES ($1, 'Obiettivo dei piani', '2022-2024', '{"all": true}', 'test', 'PUBLISHED', now()) RETURNING id`,
      [ids.consortium],
    );
    ids.objective = objective.rows[0].id;
    const assignment = await owner.query(
      `INSERT INTO assignment (consortium_id, comune_id, objective_id, delegate_person_id) VALUES ($1, $2, $3, $4)
       RETURNING id`,
      [ids.consortium, ids.comune, ids.objective, ids.person],
    );
    ids.assignment = assignment.rows[0].id;
    await owner.query(
      `INSERT INTO status_event (consortium_id, comune_id, assignment_id, to_status, progress, actor_subject)
       VALUES ($1, $2, $3, 'NOT_STARTED', 0, 'test')`,
      [ids.consortium, ids.comune, ids.assignment],
    );
    await owner.query(
      `INSERT INTO evidence (consortium_id, comune_id, assignment_id, kind, description, added_by_subject)
       VALUES ($1, $2, $3, 'NOTE', 'nota', 'test')`,
      [ids.consortium, ids.comune, ids.assignment],
    );
    // Beside it: an assignment of the same comune not delegated to the person, and an objective
    // assigned only to another comune of the consortium.
    const [other] = (
      await owner.query(
        `SELECT m.comune_id, c.region_code FROM consortium_member m JOIN comune c ON c.id = m.comune_id
          WHERE m.consortium_id = $1 AND m.comune_id <> $2 ORDER BY c.istat_code LIMIT 1`,
        [ids.consortium, ids.comune],
      )
    ).rows;
    ids.elsewhereInRegion = other.region_code.trim() === member.region_code.trim() ? 'yes' : 'no';
    for (const [key, comune] of [
      ['undelegated', ids.comune],
      ['elsewhere', other.comune_id],
    ]) {
      const more = await owner.query(
        `INSERT INTO shared_objective (consortium_id, title, edition_code, target, created_by, state, published_at)
         VALUES ($1, $2, '2022-2024', '{"all": true}', 'test', 'PUBLISHED', now()) RETURNING id`,
        [ids.consortium, `Obiettivo ${key}`],
      );
      ids[`${key}Objective`] = more.rows[0].id;
      const row = await owner.query(
        `INSERT INTO assignment (consortium_id, comune_id, objective_id) VALUES ($1, $2, $3) RETURNING id`,
        [ids.consortium, comune, more.rows[0].id],
      );
      ids[`${key}Assignment`] = row.rows[0].id;
      await owner.query(
        `INSERT INTO status_event (consortium_id, comune_id, assignment_id, to_status, progress, actor_subject)
         VALUES ($1, $2, $3, 'NOT_STARTED', 0, 'test')`,
        [ids.consortium, comune, row.rows[0].id],
      );
      await owner.query(
        `INSERT INTO evidence (consortium_id, comune_id, assignment_id, kind, description, added_by_subject)
         VALUES ($1, $2, $3, 'NOTE', 'nota', 'test')`,
        [ids.consortium, comune, row.rows[0].id],
      );
    }
    await owner.query(`ANALYZE`);

    // The settings each kind of caller gets, computed as requests compute them (AccessScope).
    const grant = (role: GrantedRole['role'], at: Partial<GrantedRole>): GrantedRole => ({
      membershipId: role,
      role,
      consortiumId: null,
      comuneId: null,
      regionCode: null,
      ...at,
    });
    callers.rtd = new AccessScope(ids.person, [
      grant('CONSORTIUM_RTD', { consortiumId: ids.consortium }),
    ]).rlsSettings();
    callers.referent = new AccessScope(ids.person, [
      grant('COMUNE_REFERENT', { consortiumId: ids.consortium, comuneId: ids.comune }),
    ]).rlsSettings();
    callers.delegate = new AccessScope(ids.person, [
      grant('COMUNE_DELEGATE', { consortiumId: ids.consortium, comuneId: ids.comune }),
    ]).rlsSettings();
    callers.portal = new AccessScope(
      ids.person,
      [grant('REGIONAL_OBSERVER', { regionCode: region })],
      [ids.consortium],
    ).rlsSettings();
  });

  afterAll(async () => {
    await app?.end();
    await owner?.end();
    await db?.drop();
  });

  async function planAsApp(
    settings: Record<string, string>,
    sql: string,
    params: unknown[],
  ): Promise<PlanNode> {
    await app.query('BEGIN');
    try {
      await applySignedSettings(app, db.config, settings);
      const { rows } = await app.query(`EXPLAIN (FORMAT JSON) ${sql}`, params);
      return rows[0]['QUERY PLAN'][0].Plan;
    } finally {
      await app.query('ROLLBACK');
    }
  }

  async function planAsOwner(sql: string, params: unknown[]): Promise<PlanNode> {
    const { rows } = await owner.query(`EXPLAIN (FORMAT JSON) ${sql}`, params);
    return rows[0]['QUERY PLAN'][0].Plan;
  }

  /** The hot statements, with the parameters a caller of that kind would send. */
  async function hotStatements(caller: string): Promise<{ name: string; sql: string; params: unknown[] }[]> {
    const repository = new AssignmentsRepository();
    const settings = callers[caller];
    const list = (key: string) => settings[key].replace(/[{}]/g, '').split(',').filter(Boolean);
    const query: AssignmentQuery = {
      consortiumId: null,
      comuneId: ids.comune,
      objectiveId: null,
      statuses: null,
      overdue: null,
      fullConsortia: list('app.full_consortia'),
      comuni: list('app.comuni'),
      delegateComuni: list('app.delegate_comuni'),
      personId: settings['app.person_id'] || null,
      limit: 101,
      after: null,
      // The count of the whole filter is planned too: the worst case of the statement.
      countTotal: true,
    };
    // A caller with no reach in the comune reads nothing and the repository sends nothing: the
    // portal's worklist is the RTD's statement.
    const worklist = await capturedStatements((db) =>
      repository.page(
        db,
        query.fullConsortia.length || query.comuni.length || query.delegateComuni.length
          ? query
          : { ...query, fullConsortia: [ids.consortium] },
      ),
    );
    expect(worklist).toHaveLength(1);
    const [byId] = await capturedStatements((db) => repository.byIds(db, [ids.assignment]));
    const [history] = await capturedStatements((db) => repository.historyOf(db, [ids.assignment]));
    const [evidence] = await capturedStatements((db) => repository.evidenceOf(db, [ids.assignment]));
    return [
      {
        name: 'compliance summary by COMUNE',
        sql: complianceSummarySql(ComplianceGroupBy.COMUNE, { scope: 'consortium', objective: false }),
        params: [ids.consortium],
      },
      {
        name: 'compliance summary by OBJECTIVE',
        sql: complianceSummarySql(ComplianceGroupBy.OBJECTIVE, { scope: 'consortium', objective: false }),
        params: [ids.consortium],
      },
      // One statement: the page, its total, objectives, lines and evidence (AssignmentsRepository.page).
      { name: 'worklist of a comune', ...worklist[0] },
      { name: "bench's one-statement worklist", sql: BENCH_WORKLIST, params: [ids.comune] },
      { name: 'assignment by id', ...byId },
      { name: 'history by assignment', ...history },
      { name: 'evidence by assignment', ...evidence },
    ];
  }

  it.each(['rtd', 'referent', 'delegate', 'portal'])(
    "adds no per-row subquery to the hot statements with a %s's settings",
    async (caller) => {
      const problems: string[] = [];
      for (const statement of await hotStatements(caller)) {
        const asApp = perRowWork(await planAsApp(callers[caller], statement.sql, statement.params));
        const asOwner = perRowWork(await planAsOwner(statement.sql, statement.params));
        for (const work of extra(asApp, asOwner)) problems.push(`${statement.name}: ${work}`);
      }
      expect(problems).toEqual([]);
    },
  );

  it('sees the statements it checks read the hot tables (the check is not vacuous)', async () => {
    const tables = new Set<string>();
    for (const statement of await hotStatements('referent')) {
      for (const table of relationsOf(await planAsOwner(statement.sql, statement.params))) tables.add(table);
    }
    expect([...tables].filter((t) => HOT_TABLES.includes(t)).sort()).toEqual([...HOT_TABLES].sort());
  });

  it('keeps what each caller sees: the settings and the arrays reach the same rows as before', async () => {
    const seen = async (caller: string, table: string, column: string, key: string) => {
      await app.query('BEGIN');
      try {
        await applySignedSettings(app, db.config, callers[caller]);
        return (await app.query(`SELECT 1 FROM ${table} WHERE ${column} = $1`, [ids[key]])).rowCount === 1;
      } finally {
        await app.query('ROLLBACK');
      }
    };
    // [caller, the delegated one, the undelegated one in the same comune, the one elsewhere]:
    // whether the objective, the assignment, its history and its evidence are readable.
    const expected: Record<string, [string, boolean, boolean, boolean][]> = {
      rtd: [
        ['objective', true, true, true],
        ['assignment', true, true, true],
        ['history', true, true, true],
        ['evidence', true, true, true],
      ],
      referent: [
        ['objective', true, true, false],
        ['assignment', true, true, false],
        ['history', true, true, false],
        ['evidence', true, true, false],
      ],
      delegate: [
        ['objective', true, false, false],
        ['assignment', true, false, false],
        ['history', true, false, false],
        ['evidence', true, false, false],
      ],
      portal: [
        ['objective', true, true, true],
        ['assignment', true, true, ids.elsewhereInRegion === 'yes'],
        ['history', false, false, false],
        ['evidence', false, false, false],
      ],
    };
    const where: Record<string, [string, string, string]> = {
      objective: ['shared_objective', 'id', 'Objective'],
      assignment: ['assignment', 'id', 'Assignment'],
      history: ['status_event', 'assignment_id', 'Assignment'],
      evidence: ['evidence', 'assignment_id', 'Assignment'],
    };
    for (const [caller, rows] of Object.entries(expected)) {
      for (const [what, ...visible] of rows) {
        const [table, column, suffix] = where[what];
        const actual = [];
        for (const prefix of ['', 'undelegated', 'elsewhere']) {
          const key = prefix ? `${prefix}${suffix}` : suffix.toLowerCase();
          actual.push(await seen(caller, table, column, key));
        }
        expect({ caller, what, visible: actual }).toEqual({ caller, what, visible });
      }
    }
  });
});
