import { INestApplicationContext } from '@nestjs/common';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner.js';
import { DELEGATE_CREMA, REFERENT_CREMA, RTD_A } from './support/identities';
import { cremaAssignment, DemoIds, demoIds, ok } from './support/scenario';
import { startTestApi, TestApi } from './support/test-app';
import { startTestWorker } from './support/test-worker';

/**
 * The worklist statement builds only what the document asks for (AssignmentsRepository.page,
 * worklist-statement.ts: with or without objective, lines, evidence, long fields). Whatever the
 * selection, each row answers what the assignment read alone (through the ordinary resolvers)
 * answers.
 */
describe('Worklist: only what is asked', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let ids: DemoIds;

  beforeAll(async () => {
    api = await startTestApi();
    worker = await startTestWorker(api.config);
    ids = await demoIds(api);
    await cremaAssignment(api, ids, 'IN_PROGRESS', { delegated: true });
    const withEvidence = await cremaAssignment(api, ids, 'IN_PROGRESS');
    ok(
      await api
        .as(REFERENT_CREMA)
        .graphql(
          `mutation($id: ID!) { addEvidence(assignmentId: $id, kind: URL, url: "https://example.org/v", description: "Verbale") { id } }`,
          { id: withEvidence.id },
        ),
      'addEvidence',
    );
  });
  afterAll(async () => {
    await worker?.close();
    await api.close();
  });

  const LINE_ALL = `id edition code chapter chapterTitle objectiveCodes text printed deadlineKind deadline
    deadlines { kind date } dueDate minPopulation maxPopulation bodies conditions source local`;
  const SELECTIONS: Record<string, string> = {
    // Bench case C and the screens (apps/web/src/features: worklist, review, comune).
    bench: `id status progress objective { title lines { code } } evidence { url }`,
    worklistScreen: `id status progress dueDate overdue updatedAt delegate { displayName }
      objective { id title edition state closedAt lines { id code } }`,
    reviewScreen: `id version progress updatedAt dueDate overdue comune { id name }
      objective { id title lines { id code } } evidence { id }`,
    comuneScreen: `id status progress dueDate overdue updatedAt objective { id title edition }`,
    noRelations: `id status allowedActions`,
    objectiveOnly: `id objective { id title dueDate version createdAt publishedAt consortium { name } }`,
    evidenceOnly: `id evidence { id kind url description addedAt addedBy { displayName } }`,
    // Aliases and fragments, a short line field and a long one through a fragment.
    fragments: `...Row o: objective { t: title ...Lines } e: evidence { u: url }`,
    longThroughFragment: `id objective { ...Long lines { code } }`,
    full: `id status progress dueDate overdue version updatedAt issues allowedActions
      objective { id title description edition state dueDate version createdAt publishedAt closedAt
        target { all comuneIds minPopulation maxPopulation provinceCodes } lines { ${LINE_ALL} } }
      evidence { id kind url description addedAt fileName contentType size sha256 addedBy { displayName } }`,
  };
  const FRAGMENTS: Record<string, string> = {
    fragments: `fragment Row on Assignment { id status }
      fragment Lines on SharedObjective { lines { c: code id } }`,
    longThroughFragment: `fragment Long on SharedObjective { description target { all } }`,
  };

  for (const [name, node] of Object.entries(SELECTIONS)) {
    it(`answers «${name}» as each assignment read alone`, async () => {
      for (const who of [REFERENT_CREMA, RTD_A, DELEGATE_CREMA]) {
        const caller = api.as(who);
        const fragments = FRAGMENTS[name] ?? '';
        const list = ok(
          await caller.graphql(
            `query($c: ID!) { assignments(filter: { comuneId: $c }, first: 20) { edges { node { ${node} } } } } ${fragments}`,
            { c: ids.crema },
          ),
          'assignments',
        );
        expect(list.edges.length).toBeGreaterThan(0);
        for (const { node: row } of list.edges) {
          const id = row.id ?? row.o?.id;
          if (!id) continue;
          const alone = ok(
            await caller.graphql(`query($id: ID!) { assignment(id: $id) { ${node} } } ${fragments}`, { id }),
            'assignment',
          );
          expect(row).toEqual(alone);
        }
      }
    });
  }

  it('answers «full» with every line of every objective and the evidence', async () => {
    const list = ok(
      await api
        .as(REFERENT_CREMA)
        .graphql(
          `query($c: ID!) { assignments(filter: { comuneId: $c }, first: 20) { edges { node { ${SELECTIONS.full} } } } }`,
          { c: ids.crema },
        ),
      'assignments',
    );
    const nodes = list.edges.map((e: { node: unknown }) => e.node);
    expect(nodes.some((n: { objective: { lines: unknown[] } }) => n.objective.lines.length > 0)).toBe(true);
    expect(nodes.some((n: { evidence: unknown[] }) => n.evidence.length > 0)).toBe(true);
    expect(nodes.every((n: { objective: { target: unknown } }) => n.objective.target !== null)).toBe(true);
  });

  it('reads a short page in no more statements than a full one', async () => {
    const count = async (node: string) => {
      const counts: number[] = [];
      for (let i = 0; i < 4; i++) {
        const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query');
        try {
          const res = await api
            .as(REFERENT_CREMA)
            .graphql(
              `query($c: ID!) { assignments(filter: { comuneId: $c }, first: 20) { edges { node { ${node} } } } }`,
              { c: ids.crema },
            );
          expect(res.errors).toBeUndefined();
          counts.push(
            spy.mock.calls.filter(
              ([sql]) =>
                !/\b(outbox|mail_delivery|notification_digest_item|export_job|report_schedule)\b|pg_notify|LISTEN/i.test(
                  String(sql),
                ),
            ).length,
          );
        } finally {
          spy.mockRestore();
        }
      }
      return Math.min(...counts);
    };
    const full = await count(SELECTIONS.full.replace(' addedBy { displayName }', ''));
    const short = await count(SELECTIONS.bench);
    expect(short).toBeGreaterThan(0);
    expect(short).toBeLessThanOrEqual(full);
  });
});
