import { Client } from 'pg';
import { fiscalCodeCheckCharacter } from '@rtd/identity';
import { AUDITOR_A, REFERENT_CREMA, RTD_A, RTD_B, STAFF_A } from './support/identities';
import { DemoIds, demoIds, ok } from './support/scenario';
import { errorCodes, startTestApi, TestApi } from './support/test-app';

const BULK = 1200;
/** Ids where text and numeric order disagree ("9" > "10" as text): the log must page across them. */
const BOUNDARIES: [number, number][] = [
  [10, 9],
  [100, 99],
  [1000, 999],
];
const ACTIONS = ['objective.create', 'membership.grant', 'assignment.review'];

const PAGE = `query($c: ID!, $first: Int, $after: String, $from: Date, $to: Date, $actor: String, $action: String, $comune: ID) {
  auditLog(consortiumId: $c, first: $first, after: $after, from: $from, to: $to, actor: $actor, action: $action, comuneId: $comune) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id at actor actorName action entityType entityId requestId detailsJson comune { istatCode } } } } }`;

describe('Audit log (issue 11)', () => {
  let api: TestApi;
  let ids: DemoIds;
  let owner: Client;
  /** Ids of consortium A's entries, newest first, as the database orders them numerically. */
  let expectedA: string[];
  let niccolo: string;

  beforeAll(async () => {
    api = await startTestApi();
    ids = await demoIds(api);
    owner = new Client({ connectionString: api.config.databaseOwnerUrl });
    await owner.connect();
    const people = await owner.query(
      `SELECT fiscal_code, id FROM person WHERE fiscal_code IN ('FRRGLI75C52D142B', 'BRBLNE69T41D150Z')`,
    );
    const person = Object.fromEntries(people.rows.map((row) => [row.fiscal_code, row.id]));
    // A person with accents in the name, to match without them.
    const first15 = 'SLVNCC81A01D142';
    niccolo = (
      await owner.query(
        `INSERT INTO person (fiscal_code, given_name, family_name) VALUES ($1, 'Niccolò', 'Salvà') RETURNING id`,
        [first15 + fiscalCodeCheckCharacter(first15)],
      )
    ).rows[0].id;
    // He acted in A, so he held a role there (since revoked): people are readable only by those who
    // share a tenant with them (migrations/1764000009000-signed-tenant-context.ts).
    await owner.query(
      `INSERT INTO membership (person_id, role, consortium_id, granted_by, revoked_at, revoked_by)
       VALUES ($1, 'CONSORTIUM_STAFF', $2, 'test', now(), 'test')`,
      [niccolo, ids.consortiumA],
    );
    // 1,200 entries written as the owner: every 7th in consortium B, the rest in A; actors, actions
    // and municipalities in rotation; one a minute from midnight of 1 January 2025 in Rome.
    await owner.query(
      `INSERT INTO audit_log (consortium_id, comune_id, at, actor_subject, actor_person_id, action, entity_type,
                              entity_id, request_id, details)
       SELECT CASE WHEN n % 7 = 0 THEN $2::uuid ELSE $1::uuid END,
              CASE WHEN n % 5 = 0 AND n % 7 <> 0 THEN $3::uuid END,
              timestamptz '2025-01-01 00:00:00+01' + make_interval(mins => n),
              (ARRAY['sub-giulia', 'sub-elena', 'system:fan-out', 'sub-niccolo'])[1 + n % 4],
              (ARRAY[$4::uuid, $5::uuid, NULL, $6::uuid])[1 + n % 4],
              ($7::text[])[1 + n % 3], 'SharedObjective', 'entity-' || n, 'req-' || n,
              jsonb_build_object('n', n)
         FROM generate_series(1, ${BULK}) AS n`,
      [
        ids.consortiumA,
        ids.consortiumB,
        ids.crema,
        person.FRRGLI75C52D142B,
        person.BRBLNE69T41D150Z,
        niccolo,
        ACTIONS,
      ],
    );
    // Either side of midnight in Rome on 10 June 2025 (UTC+2): the same UTC day, two Italian days.
    await owner.query(
      `INSERT INTO audit_log (consortium_id, at, actor_subject, action, entity_type, entity_id)
       VALUES ($1, timestamptz '2025-06-10 23:30:00+02', 'sub-edge', 'test.dateEdge', 'Test', 'before-midnight'),
              ($1, timestamptz '2025-06-11 00:30:00+02', 'sub-edge', 'test.dateEdge', 'Test', 'after-midnight')`,
      [ids.consortiumA],
    );
    expectedA = (
      await owner.query(
        `SELECT id::text FROM audit_log WHERE consortium_id = $1 ORDER BY audit_log.id DESC`,
        [ids.consortiumA],
      )
    ).rows.map((row) => row.id);
  }, 60_000);

  afterAll(async () => {
    await owner?.end();
    await api.close();
  });

  const page = (who: string, variables: Record<string, unknown>) =>
    api.as(who).graphql(PAGE, { c: ids.consortiumA, ...variables });

  /** Every node of the log for these filters, following the cursors 50 at a time. */
  async function everything(who: string, filters: Record<string, unknown> = {}) {
    // `c` in filters names another consortium than A.
    const nodes: any[] = [];
    const cursors = new Map<string, string>();
    let after: string | null = null;
    let totalCount = -1;
    for (let requests = 0; requests < 100; requests++) {
      const result: any = ok(await page(who, { ...filters, first: 50, after }), 'auditLog');
      totalCount = result.totalCount;
      for (const edge of result.edges) {
        nodes.push(edge.node);
        cursors.set(edge.node.id, edge.cursor);
      }
      if (!result.pageInfo.hasNextPage) return { nodes, cursors, totalCount };
      expect(result.edges).toHaveLength(50);
      after = result.pageInfo.endCursor;
    }
    throw new Error('the log never ended');
  }

  it('pages through more than 1,000 entries, each exactly once, newest first by numeric id', async () => {
    expect(expectedA.length).toBeGreaterThan(1000);
    for (const [high, low] of BOUNDARIES) {
      expect(expectedA).toContain(String(high));
      expect(expectedA).toContain(String(low));
    }
    const { nodes, cursors, totalCount } = await everything(RTD_A);
    const seen = nodes.map((node) => node.id);
    expect(totalCount).toBe(expectedA.length);
    expect(seen).toEqual(expectedA);
    expect(new Set(seen).size).toBe(seen.length);
    const numeric = seen.map(Number);
    expect(numeric).toEqual([...numeric].sort((a, b) => b - a));
    for (const [high, low] of BOUNDARIES) {
      // In the full listing, and as the first entry of a page that starts right after `high`.
      expect(seen.indexOf(String(low))).toBe(seen.indexOf(String(high)) + 1);
      const next = ok(await page(RTD_A, { first: 2, after: cursors.get(String(high)) }), 'auditLog');
      const afterLow = expectedA[expectedA.indexOf(String(low)) + 1];
      expect(next.edges.map((edge: any) => edge.node.id)).toEqual([String(low), afterLow]);
    }
  }, 120_000);

  it('names the person who acted, the municipality and the details', async () => {
    const { nodes } = await everything(AUDITOR_A, { action: 'objective.create', comune: ids.crema });
    // n with n % 3 = 0 (objective.create), n % 5 = 0 (Crema), n % 7 <> 0 (consortium A).
    const expected = Array.from({ length: BULK }, (_, i) => i + 1).filter(
      (n) => n % 3 === 0 && n % 5 === 0 && n % 7 !== 0,
    );
    expect(nodes).toHaveLength(expected.length);
    const byEntity = new Map(nodes.map((node) => [node.entityId, node]));
    for (const n of expected) {
      const node = byEntity.get(`entity-${n}`);
      expect(node).toMatchObject({
        action: 'objective.create',
        requestId: `req-${n}`,
        comune: { istatCode: '019035' },
        actorName: ['Giulia Ferrari', 'Elena Barbieri', null, 'Niccolò Salvà'][n % 4],
      });
      expect(JSON.parse(node.detailsJson)).toEqual({ n });
    }
  });

  it('filters by actor subject or name, ignoring case and accents', async () => {
    const count = (rest: number) =>
      Array.from({ length: BULK }, (_, i) => i + 1).filter((n) => n % 7 !== 0 && n % 4 === rest).length;
    for (const [actor, rest] of [
      ['giulia', 0],
      ['FERRARI GIULIA', 0],
      ['Barbièri', 1],
      ['system:fan', 2],
      ['niccolo salva', 3],
      ['SUB-NICCOLÒ', 3],
    ] as const) {
      const result = ok(await page(RTD_A, { actor, first: 500 }), 'auditLog');
      expect({ actor, totalCount: result.totalCount }).toEqual({ actor, totalCount: count(rest) });
    }
    const none = ok(await page(RTD_A, { actor: '100%_' }), 'auditLog');
    expect(none.totalCount).toBe(0);
  });

  it('filters by exact action, by municipality and by Italian days, inclusive', async () => {
    const grants = await everything(RTD_A, { action: 'membership.grant' });
    expect(grants.nodes.length).toBe(grants.totalCount);
    expect(grants.totalCount).toBe(
      Array.from({ length: BULK }, (_, i) => i + 1).filter((n) => n % 7 !== 0 && n % 3 === 1).length,
    );
    expect(new Set(grants.nodes.map((node) => node.action))).toEqual(new Set(['membership.grant']));
    expect(ok(await page(RTD_A, { action: 'membership.revoke' }), 'auditLog').totalCount).toBe(0);

    const crema = await everything(RTD_A, { comune: ids.crema });
    expect(crema.totalCount).toBe(
      Array.from({ length: BULK }, (_, i) => i + 1).filter((n) => n % 7 !== 0 && n % 5 === 0).length,
    );
    expect(crema.nodes.every((node) => node.comune?.istatCode === '019035')).toBe(true);
    expect(ok(await page(RTD_A, { comune: ids.pandino }), 'auditLog').totalCount).toBe(0);

    const entities = async (from: string, to: string) =>
      ok(await page(RTD_A, { from, to, action: 'test.dateEdge' }), 'auditLog').edges.map(
        (edge: any) => edge.node.entityId,
      );
    expect(await entities('2025-06-10', '2025-06-10')).toEqual(['before-midnight']);
    expect(await entities('2025-06-11', '2025-06-11')).toEqual(['after-midnight']);
    expect(await entities('2025-06-10', '2025-06-11')).toEqual(['after-midnight', 'before-midnight']);
    // The bulk entries run from 00:01 on 1 January 2025 for 1,200 minutes: all on that day.
    const firstOfJanuary = ok(await page(RTD_A, { from: '2025-01-01', to: '2025-01-01' }), 'auditLog');
    expect(firstOfJanuary.totalCount).toBe(BULK - Math.floor(BULK / 7));
    const combined = ok(
      await page(RTD_A, { from: '2025-01-01', to: '2025-01-01', comune: ids.crema, actor: 'giulia' }),
      'auditLog',
    );
    expect(combined.totalCount).toBe(
      Array.from({ length: BULK }, (_, i) => i + 1).filter((n) => n % 7 !== 0 && n % 5 === 0 && n % 4 === 0)
        .length,
    );
  });

  it('answers bad filters with BAD_USER_INPUT naming the field', async () => {
    for (const [variables, field] of [
      [{ from: '2025-02-01', to: '2025-01-01' }, 'from'],
      [{ action: 'Not an action' }, 'action'],
      [{ comune: 'crema' }, 'comuneId'],
      [{ after: Buffer.from(JSON.stringify(['12abc'])).toString('base64url') }, 'after'],
      [{ actor: 'x'.repeat(201) }, 'actor'],
    ] as const) {
      const res = await page(RTD_A, variables);
      expect({ field, codes: errorCodes(res) }).toEqual({ field, codes: ['BAD_USER_INPUT'] });
      expect(res.errors![0].extensions?.field).toBe(field);
    }
    const badDate = await page(RTD_A, { from: '2025-13-01' });
    expect(errorCodes(badDate)).toEqual(['BAD_USER_INPUT']);
  });

  it('is read by the RTD office and the auditors of the consortium only', async () => {
    for (const who of [STAFF_A, REFERENT_CREMA]) {
      const res = await page(who, { first: 1 });
      expect(errorCodes(res)).toEqual(['FORBIDDEN']);
      expect(res.data).toBeNull();
    }
    const other = await page(RTD_B, { first: 1 });
    expect(errorCodes(other)).toEqual(['NOT_FOUND']);
    const own = await everything(RTD_B, { c: ids.consortiumB });
    const bIds = (
      await owner.query(
        `SELECT id::text FROM audit_log WHERE consortium_id = $1 ORDER BY audit_log.id DESC`,
        [ids.consortiumB],
      )
    ).rows.map((row) => row.id);
    expect(own.nodes.map((node) => node.id)).toEqual(bIds);
    expect(bIds.length).toBe(Math.floor(BULK / 7));
  });
});
