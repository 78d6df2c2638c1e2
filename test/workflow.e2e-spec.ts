import { INestApplicationContext } from '@nestjs/common';
import { Client } from 'pg';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner.js';
import { SessionQueryRunner } from '@rtd/kernel';
import { AUDITOR_A, REFERENT_CREMA, RTD_A, STAFF_A } from './support/identities';
import { assignmentOf, cremaAssignment, DemoIds, demoIds, ok, publishedObjective } from './support/scenario';
import { errorCodes, startTestApi, TestApi } from './support/test-app';
import { startTestWorker } from './support/test-worker';

const FIELDS = `id status progress version overdue dueDate issues`;

describe('Reporting workflow', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let ids: DemoIds;

  beforeAll(async () => {
    api = await startTestApi();
    worker = await startTestWorker(api.config);
    ids = await demoIds(api);
  });
  afterAll(async () => {
    await worker?.close();
    await api.close();
  });

  const anna = () => api.as(REFERENT_CREMA);
  const giulia = () => api.as(RTD_A);
  const update = (who: ReturnType<typeof anna>, id: string, v: number, input: Record<string, unknown>) =>
    who.graphql(
      `mutation($id: ID!, $v: Int!, $input: UpdateAssignmentInput!) { updateAssignment(id: $id, expectedVersion: $v, input: $input) { ${FIELDS} } }`,
      {
        id,
        v,
        input,
      },
    );
  const submit = (id: string, v: number) =>
    anna().graphql(
      `mutation($id: ID!, $v: Int!) { submitAssignment(id: $id, expectedVersion: $v, note: "Fatto") { ${FIELDS} } }`,
      { id, v },
    );
  const review = (who: ReturnType<typeof anna>, id: string, v: number, decision: string, reason?: string) =>
    who.graphql(
      `mutation($id: ID!, $v: Int!, $d: ReviewDecision!, $r: String) { reviewAssignment(id: $id, expectedVersion: $v, decision: $d, reason: $r) { ${FIELDS} } }`,
      { id, v, d: decision, r: reason ?? null },
    );

  it('goes from creation to validation, with history, evidence and audit', async () => {
    const objectiveId = await publishedObjective(api, {
      consortiumId: ids.consortiumA,
      comuneIds: [ids.crema],
      title: 'Dichiarazione di accessibilità',
      dueDate: '2099-09-23',
    });
    let a = await assignmentOf(api, objectiveId, ids.crema);
    let step = ok(
      await update(anna(), a.id, a.version, {
        status: 'IN_PROGRESS',
        progress: 40,
        issues: 'Manca il fornitore',
      }),
      'updateAssignment',
    );
    expect(step).toMatchObject({
      status: 'IN_PROGRESS',
      progress: 40,
      issues: 'Manca il fornitore',
      overdue: false,
      dueDate: '2099-09-23',
    });

    const evidence = await anna().graphql(
      `mutation($id: ID!) { addEvidence(assignmentId: $id, kind: URL, url: "https://form.agid.gov.it/view/123", description: "Dichiarazione") { id kind url addedBy { displayName } } }`,
      { id: a.id },
    );
    expect(ok(evidence, 'addEvidence')).toMatchObject({
      kind: 'URL',
      addedBy: { displayName: 'Anna Moretti' },
    });
    for (const url of ['javascript:alert(1)', 'ftp://example.org/x', 'non un url']) {
      const bad = await anna().graphql(
        `mutation($id: ID!, $url: String) { addEvidence(assignmentId: $id, kind: URL, url: $url, description: "x") { id } }`,
        { id: a.id, url },
      );
      expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
      expect(bad.errors![0].extensions!.field).toBe('url');
    }

    step = ok(await submit(a.id, step.version), 'submitAssignment');
    // Submitting keeps the progress the comune gave (issue 23, point 1): no silent 100%.
    expect(step).toMatchObject({ status: 'SUBMITTED', progress: 40, issues: 'Manca il fornitore' });
    expect(errorCodes(await review(api.as(STAFF_A), a.id, step.version, 'REJECT'))).toEqual([
      'BAD_USER_INPUT',
    ]);
    step = ok(
      await review(api.as(STAFF_A), a.id, step.version, 'REJECT', 'Link non raggiungibile'),
      'reviewAssignment',
    );
    expect(step.status).toBe('REJECTED');
    // After a rejection, the corrected criticità and progress travel with the submission: one step.
    step = ok(
      await anna().graphql(
        `mutation($id: ID!, $v: Int!) { submitAssignment(id: $id, expectedVersion: $v, progress: 60, issues: "Link corretto") { ${FIELDS} } }`,
        { id: a.id, v: step.version },
      ),
      'submitAssignment',
    );
    expect(step).toMatchObject({ status: 'SUBMITTED', progress: 60, issues: 'Link corretto' });
    // A stale version answers CONFLICT and changes nothing.
    expect(errorCodes(await review(api.as(STAFF_A), a.id, step.version - 1, 'APPROVE'))).toEqual([
      'CONFLICT',
    ]);
    step = ok(await review(api.as(STAFF_A), a.id, step.version, 'APPROVE'), 'reviewAssignment');
    expect(step).toMatchObject({ status: 'COMPLETED', progress: 100 });

    const detail = ok(
      await api.as(AUDITOR_A).graphql(
        `query($id: ID!) { assignment(id: $id) { status evidence { url } objective { title } comune { istatCode }
          history { from to progress note issues actor { displayName } } } }`,
        { id: a.id },
      ),
      'assignment',
    );
    expect(detail.history.map((e: any) => [e.from, e.to])).toEqual([
      [null, 'NOT_STARTED'],
      ['NOT_STARTED', 'IN_PROGRESS'],
      ['IN_PROGRESS', 'SUBMITTED'],
      ['SUBMITTED', 'REJECTED'],
      ['REJECTED', 'SUBMITTED'],
      ['SUBMITTED', 'COMPLETED'],
    ]);
    expect(detail.history.map((e: any) => e.progress)).toEqual([0, 40, 40, 40, 60, 100]);
    // Each change of the criticità stays in the history, even once replaced (issue 23, point 8).
    expect(detail.history.map((e: any) => e.issues)).toEqual([
      null,
      'Manca il fornitore',
      null,
      null,
      'Link corretto',
      null,
    ]);
    expect(detail.history.map((e: any) => e.actor?.displayName ?? null)).toEqual([
      null,
      'Anna Moretti',
      'Anna Moretti',
      'Marco Galli',
      'Anna Moretti',
      'Marco Galli',
    ]);
    expect(detail.history[3]).toMatchObject({
      note: 'Link non raggiungibile',
      actor: { displayName: 'Marco Galli' },
    });
    expect(detail).toMatchObject({
      objective: { title: 'Dichiarazione di accessibilità' },
      comune: { istatCode: '019035' },
    });

    // The RTD office reopens a completed report; the municipality may not touch it.
    expect(errorCodes(await update(anna(), a.id, step.version, { progress: 10 }))).toEqual(['CONFLICT']);
    step = ok(
      await update(giulia(), a.id, step.version, { status: 'IN_PROGRESS', note: 'Riaperto' }),
      'updateAssignment',
    );
    expect(step.status).toBe('IN_PROGRESS');

    const audit = ok(
      await giulia().graphql(
        `query($id: ID!) { auditLog(consortiumId: $id, first: 50) { edges { node { action entityId actor requestId } } } }`,
        {
          id: ids.consortiumA,
        },
      ),
      'auditLog',
    );
    const actions = audit.edges
      .map((e: any) => e.node)
      .filter((n: any) => n.entityId === a.id)
      .map((n: any) => n.action);
    expect(actions).toEqual([
      'assignment.update',
      'assignment.review',
      'assignment.submit',
      'assignment.review',
      'assignment.submit',
      'assignment.addEvidence',
      'assignment.update',
    ]);
    a = { ...a, version: step.version };
  });

  it('refuses every illegal move with the right code, changing nothing', async () => {
    const a = await cremaAssignment(api, ids, 'NOT_STARTED');
    expect(errorCodes(await submit(a.id, a.version))).toEqual(['CONFLICT']);
    expect(errorCodes(await update(anna(), a.id, a.version, { status: 'COMPLETED' }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await update(anna(), a.id, a.version, { status: 'SUBMITTED' }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(errorCodes(await update(anna(), a.id, a.version, { progress: 101 }))).toEqual(['BAD_USER_INPUT']);
    const badSubmit = await anna().graphql(
      `mutation($id: ID!, $v: Int!) { submitAssignment(id: $id, expectedVersion: $v, progress: 140) { id } }`,
      { id: a.id, v: a.version },
    );
    expect(errorCodes(badSubmit)).toEqual(['BAD_USER_INPUT']);
    expect(badSubmit.errors![0].extensions!.field).toBe('progress');
    expect(errorCodes(await review(giulia(), a.id, a.version, 'APPROVE'))).toEqual(['CONFLICT']);
    expect(errorCodes(await update(giulia(), a.id, a.version, { progress: 50 }))).toEqual(['FORBIDDEN']);
    const notApplicable = await giulia().graphql(
      `mutation($id: ID!, $v: Int!) { markNotApplicable(id: $id, expectedVersion: $v, reason: "   ") { id } }`,
      { id: a.id, v: a.version },
    );
    expect(errorCodes(notApplicable)).toEqual(['BAD_USER_INPUT']);
    const after = ok(
      await anna().graphql(
        `query($id: ID!) { assignment(id: $id) { status progress version history { to } } }`,
        { id: a.id },
      ),
      'assignment',
    );
    expect(after).toEqual({
      status: 'NOT_STARTED',
      progress: 0,
      version: a.version,
      history: [{ to: 'NOT_STARTED' }],
    });
  });

  it('lets exactly one of several concurrent updates of one version win', async () => {
    const a = await cremaAssignment(api, ids, 'IN_PROGRESS');
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => update(anna(), a.id, a.version, { progress: 10 + i })),
    );
    const winners = results.filter((r) => !r.errors);
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => r.errors).map((r) => errorCodes(r)[0])).toEqual(Array(7).fill('CONFLICT'));
    const after = ok(
      await anna().graphql(`query($id: ID!) { assignment(id: $id) { version progress history { to } } }`, {
        id: a.id,
      }),
      'assignment',
    );
    expect(after.version).toBe(a.version + 1);
    expect(after.progress).toBe(winners[0].data!.updateAssignment.progress);
    expect(after.history).toHaveLength(3);
    // The change, its history event and its audit entry are one statement: the seven losers
    // wrote no entry either (one for the winner, one for the move to IN_PROGRESS).
    const owner = new Client({ connectionString: api.config.databaseOwnerUrl });
    await owner.connect();
    try {
      const { rows } = await owner.query(
        `SELECT count(*)::int AS count FROM audit_log WHERE entity_id = $1 AND action = 'assignment.update'`,
        [a.id],
      );
      expect(rows[0].count).toBe(2);
    } finally {
      await owner.end();
    }
  });

  /** What the in-process worker runs on its own while a request is measured. */
  const BACKGROUND_SQL =
    /\b(outbox|mail_delivery|notification_digest_item|export_job|report_schedule)\b|pg_notify|LISTEN/i;

  it('writes an update in four round trips: transaction with its settings, read, change, commit', async () => {
    // Issue 28 (bench case E): the transaction opens with its signed settings in one round trip
    // (START TRANSACTION; SELECT app_set_context), and the request's first write takes no
    // savepoint. Counted: plain statements (PostgresQueryRunner.query) and prepared ones
    // (SessionQueryRunner.queryNamed: the read by id and the change with its history and audit).
    const a = await cremaAssignment(api, ids, 'IN_PROGRESS');
    let version = a.version;
    const roundTrips = async () => {
      const plain = jest.spyOn(PostgresQueryRunner.prototype, 'query');
      const named = jest.spyOn(SessionQueryRunner.prototype, 'queryNamed');
      try {
        const res = await update(anna(), a.id, version, { progress: 20 + (version % 50) });
        expect(res.errors).toBeUndefined();
        version = res.data!.updateAssignment.version;
        const sqls = [
          ...plain.mock.calls.map(([sql]) => String(sql)),
          ...named.mock.calls.map(([q]) => q.text),
        ];
        return sqls.filter((sql) => !BACKGROUND_SQL.test(sql));
      } finally {
        plain.mockRestore();
        named.mockRestore();
      }
    };
    await roundTrips(); // the caller's rights, cached from here on
    const runs: string[][] = [];
    for (let i = 0; i < 5; i++) runs.push(await roundTrips());
    const least = runs.reduce((a, b) => (b.length < a.length ? b : a));
    expect(least.some((sql) => /SAVEPOINT/i.test(sql))).toBe(false);
    expect(least[0]).toMatch(/^START TRANSACTION; SELECT app_set_context\(/);
    expect(least).toHaveLength(4);
  });

  it('answers a version conflict without a savepoint, writing nothing, and the next request works', async () => {
    // The change is the request's first write: no savepoint. A stale version writes nothing (one
    // statement, no row), the transaction that held only reads is rolled back and opened again
    // with the same settings (DbSession.atomically), and the request ends cleanly: CONFLICT with
    // its Italian message, never INTERNAL_SERVER_ERROR, and the next requests on the pool work.
    const stale = await cremaAssignment(api, ids, 'IN_PROGRESS');
    for (let i = 0; i < 20; i++) {
      const res = await update(anna(), stale.id, stale.version - 1, { progress: 33 });
      expect(errorCodes(res)).toEqual(['CONFLICT']);
      expect(res.errors![0].message).toMatch(/modificata nel frattempo/);
    }
    const owner = new Client({ connectionString: api.config.databaseOwnerUrl });
    await owner.connect();
    try {
      const count = async (sql: string) => (await owner.query(sql, [stale.id])).rows[0].count as number;
      // Moved to IN_PROGRESS once (one update audited; with the creation, two events).
      expect(
        await count(
          `SELECT count(*)::int AS count FROM audit_log WHERE entity_id = $1 AND action = 'assignment.update'`,
        ),
      ).toBe(1);
      expect(await count(`SELECT count(*)::int AS count FROM status_event WHERE assignment_id = $1`)).toBe(2);
      const { rows } = await owner.query(`SELECT progress, version FROM assignment WHERE id = $1`, [
        stale.id,
      ]);
      expect(rows[0]).toEqual({ progress: 40, version: stale.version });
    } finally {
      await owner.end();
    }
    const after = await update(anna(), stale.id, stale.version, { progress: 55 });
    expect(after.errors).toBeUndefined();
    expect(after.data!.updateAssignment).toMatchObject({ progress: 55, version: stale.version + 1 });
  });

  it('reads a worklist with its relations in a constant number of statements', async () => {
    for (let i = 0; i < 3; i++) await cremaAssignment(api, ids, 'IN_PROGRESS');
    const query = `query($c: ID!, $n: Int) { assignments(filter: { comuneId: $c }, first: $n) { totalCount
      edges { node { id status objective { title lines { code } consortium { name } } comune { name }
        evidence { url addedBy { displayName } } history { to actor { displayName } } delegate { displayName } } } } }`;
    const statements = async (first: number) => {
      const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query');
      try {
        const res = await anna().graphql(query, { c: ids.crema, n: first });
        expect(res.errors).toBeUndefined();
        expect(res.data!.assignments.edges.length).toBe(Math.min(first, res.data!.assignments.totalCount));
        // The worker of this process polls in the background (outbox relay, schedules, mail):
        // those statements are not the request's.
        return spy.mock.calls.filter(([sql]) => !BACKGROUND_SQL.test(String(sql))).length;
      } finally {
        spy.mockRestore();
      }
    };
    // Warm the caller's rights cache first, so that neither measure pays for loading it. The spy
    // counts every statement of this process, background ticks included (outbox relay, schedulers):
    // the least of three runs is the request's own count.
    await statements(1);
    const least = async (first: number) => {
      const counts: number[] = [];
      for (let i = 0; i < 5; i++) counts.push(await statements(first));
      return Math.min(...counts);
    };
    const one = await least(1);
    const many = await least(50);
    // Every relation is batched: fifty rows cost what one row costs.
    expect(many).toBe(one);
  });

  it('reads the worklist, its objectives, lines and evidence in one statement, keyset-paginated', async () => {
    // The referent's worklist (apps/web/src/features/worklist, bench case C): rows with their
    // objective, lines and evidence, read by AssignmentsRepository.page in one statement that
    // primes the request's loaders.
    for (let i = 0; i < 3; i++) await cremaAssignment(api, ids);
    const withEvidence = await cremaAssignment(api, ids, 'IN_PROGRESS');
    for (const description of ['Verbale', 'Delibera'])
      ok(
        await anna().graphql(
          `mutation($id: ID!, $d: String!) { addEvidence(assignmentId: $id, kind: URL, url: "https://example.org/x", description: $d) { id } }`,
          { id: withEvidence.id, d: description },
        ),
        'addEvidence',
      );
    const NODE = `id status progress dueDate overdue version updatedAt allowedActions
      objective { id title edition state dueDate version createdAt publishedAt target { all }
        lines { id code text chapter chapterTitle deadline } }
      evidence { id kind url description addedAt addedBy { displayName } }`;
    const worklist = `query($c: ID!, $n: Int, $after: String) { assignments(filter: { comuneId: $c }, first: $n, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${NODE} } } } }`;
    const count = async (query: string, variables: Record<string, unknown>) => {
      const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query');
      try {
        const res = await anna().graphql(query, variables);
        expect(res.errors).toBeUndefined();
        return spy.mock.calls.filter(([sql]) => !BACKGROUND_SQL.test(String(sql))).length;
      } finally {
        spy.mockRestore();
      }
    };
    // The spy counts every statement of this process; the in-process worker's are left out and the
    // least of five runs is the request's own count. One assignment by id is the request's fixed
    // statements (transaction, signed settings) plus one data statement.
    const least = async (query: string, variables: Record<string, unknown>) => {
      await count(query, variables);
      const counts: number[] = [];
      for (let i = 0; i < 5; i++) counts.push(await count(query, variables));
      return Math.min(...counts);
    };
    const oneRow = await least(`query($id: ID!) { assignment(id: $id) { id status } }`, {
      id: withEvidence.id,
    });
    // Without evidence (evidence { addedBy } reads people) and with it: rows, total, objectives,
    // their reach and lines and the evidence come in that one data statement.
    const NO_PEOPLE = NODE.replace(' addedBy { displayName }', '');
    const plain = `query($c: ID!, $n: Int) { assignments(filter: { comuneId: $c }, first: $n) {
      totalCount edges { node { ${NO_PEOPLE} } } } }`;
    // No more than one assignment by id costs (on a loaded CI machine the single read has counted
    // one statement more than the page, never the reverse: the page must not cost more).
    const page = await least(plain, { c: ids.crema, n: 100 });
    expect(page).toBeGreaterThan(0);
    expect(page).toBeLessThanOrEqual(oneRow);

    // The same values as each field's own loader gives, one assignment at a time.
    const all = ok(await anna().graphql(worklist, { c: ids.crema, n: 50 }), 'assignments');
    expect(all.totalCount).toBe(all.edges.length);
    expect(all.edges.length).toBeGreaterThan(2);
    const found = all.edges.find((e: { node: { id: string } }) => e.node.id === withEvidence.id);
    expect(found.node.evidence.map((e: { description: string }) => e.description)).toEqual([
      'Verbale',
      'Delibera',
    ]);
    expect(found.node.objective.lines.length).toBeGreaterThan(0);
    for (const { node } of all.edges) {
      const alone = ok(
        await anna().graphql(`query($id: ID!) { assignment(id: $id) { ${NODE} } }`, { id: node.id }),
        'assignment',
      );
      expect(node).toEqual(alone);
    }
    // The total (a count of the whole filter) is counted only when the document asks for it,
    // directly or in a fragment; the rows are the same either way.
    const withoutTotal = ok(
      await anna().graphql(
        `query($c: ID!) { assignments(filter: { comuneId: $c }, first: 50) { edges { cursor node { ${NODE} } } } }`,
        { c: ids.crema },
      ),
      'assignments',
    );
    expect(withoutTotal.edges).toEqual(all.edges);
    const viaFragment = ok(
      await anna().graphql(
        `query($c: ID!) { assignments(filter: { comuneId: $c }, first: 1) { ...Total } }
         fragment Total on AssignmentConnection { totalCount }`,
        { c: ids.crema },
      ),
      'assignments',
    );
    expect(viaFragment.totalCount).toBe(all.totalCount);

    // Keyset pages of two walk the same rows in the same order, and the cursors are the same.
    const walked: { cursor: string; node: { id: string } }[] = [];
    let after: string | null = null;
    for (;;) {
      const page: {
        totalCount: number;
        edges: { cursor: string; node: { id: string } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      } = ok(await anna().graphql(worklist, { c: ids.crema, n: 2, after }), 'assignments');
      expect(page.totalCount).toBe(all.totalCount);
      walked.push(...page.edges);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(walked.map((e) => [e.cursor, e.node.id])).toEqual(
      all.edges.map((e: { cursor: string; node: { id: string } }) => [e.cursor, e.node.id]),
    );
    // Past the end: no rows, the total still counted.
    const last = ok(
      await anna().graphql(worklist, { c: ids.crema, n: 2, after: all.edges[all.edges.length - 1].cursor }),
      'assignments',
    );
    expect(last).toMatchObject({ totalCount: all.totalCount, edges: [], pageInfo: { hasNextPage: false } });
    // Forged cursors are refused before any SQL.
    const forged = [
      Buffer.from(JSON.stringify(['2020-02-30', withEvidence.id])).toString('base64url'),
      Buffer.from(JSON.stringify(["1' OR 1=1", withEvidence.id])).toString('base64url'),
      Buffer.from(JSON.stringify(['infinity'])).toString('base64url'),
      'non-un-cursore',
    ];
    for (const cursor of forged) {
      const res = await anna().graphql(worklist, { c: ids.crema, n: 2, after: cursor });
      expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
      expect(res.data?.assignments ?? null).toBeNull();
    }
  });

  it('computes overdue against the Italian calendar and filters by it', async () => {
    const late = await publishedObjective(api, {
      consortiumId: ids.consortiumA,
      comuneIds: [ids.crema],
      dueDate: '2020-01-31',
    });
    const a = await assignmentOf(api, late, ids.crema);
    const list = async (overdue: boolean) =>
      ok(
        await anna().graphql(
          `query($f: AssignmentFilter!) { assignments(filter: $f) { totalCount edges { node { id overdue } } } }`,
          {
            f: { objectiveId: late, overdue },
          },
        ),
        'assignments',
      );
    expect((await list(true)).edges).toEqual([{ node: { id: a.id, overdue: true } }]);
    expect((await list(false)).totalCount).toBe(0);
    const na = await giulia().graphql(
      `mutation($id: ID!, $v: Int!) { markNotApplicable(id: $id, expectedVersion: $v, reason: "Servizio non presente") { overdue status } }`,
      { id: a.id, v: a.version },
    );
    expect(ok(na, 'markNotApplicable')).toEqual({ overdue: false, status: 'NOT_APPLICABLE' });
  });

  const addEvidence = (who: ReturnType<typeof anna>, id: string, description = 'Verbale') =>
    who.graphql(
      `mutation($id: ID!, $d: String!) { addEvidence(assignmentId: $id, kind: NOTE, description: $d) { id } }`,
      { id, d: description },
    );
  const actionsOf = async (who: ReturnType<typeof anna>, id: string) =>
    ok(await who.graphql(`query($id: ID!) { assignment(id: $id) { allowedActions } }`, { id }), 'assignment')
      .allowedActions as string[];
  const snapshot = async (id: string) =>
    ok(
      await giulia().graphql(
        `query($id: ID!) { assignment(id: $id) { status progress issues version evidence { id } history { to note } } }`,
        { id },
      ),
      'assignment',
    );

  it('freezes the reports of a closed objective, for the comune and for the office', async () => {
    const a = await cremaAssignment(api, ids, 'IN_PROGRESS');
    const objective = ok(
      await giulia().graphql(`query($id: ID!) { sharedObjective(id: $id) { version } }`, {
        id: a.objectiveId,
      }),
      'sharedObjective',
    );
    ok(
      await giulia().graphql(
        `mutation($id: ID!, $v: Int!) { closeSharedObjective(id: $id, expectedVersion: $v) { state } }`,
        { id: a.objectiveId, v: objective.version },
      ),
      'closeSharedObjective',
    );
    const before = await snapshot(a.id);
    const refusals = [
      await update(anna(), a.id, a.version, { progress: 90, issues: 'Aggiornato dopo la chiusura' }),
      await update(anna(), a.id, a.version, { status: 'NOT_STARTED' }),
      await submit(a.id, a.version),
      await addEvidence(anna(), a.id),
      await anna().graphql(`mutation($id: ID!) { delegateAssignment(id: $id, fiscalCode: null) { id } }`, {
        id: a.id,
      }),
      await giulia().graphql(
        `mutation($id: ID!, $v: Int!) { markNotApplicable(id: $id, expectedVersion: $v, reason: "Chiuso") { id } }`,
        { id: a.id, v: a.version },
      ),
    ];
    for (const refusal of refusals) {
      expect(errorCodes(refusal)).toEqual(['CONFLICT']);
      expect(refusal.errors![0].message).toBe(
        "L'obiettivo è chiuso: i suoi resoconti non si possono più modificare",
      );
    }
    expect(await snapshot(a.id)).toEqual(before);
    // The screens offer nothing on it either.
    expect(await actionsOf(anna(), a.id)).toEqual([]);
    expect(await actionsOf(giulia(), a.id)).toEqual([]);
  });

  it('counts a closed objective as no longer open: never overdue, with the day it was closed', async () => {
    const objectiveId = await publishedObjective(api, {
      consortiumId: ids.consortiumA,
      comuneIds: [ids.crema],
      title: 'Scaduto, poi chiuso',
      dueDate: '2021-03-31',
    });
    const a = await assignmentOf(api, objectiveId, ids.crema);
    const open = await anna().graphql(
      `query($id: ID!, $o: ID!) { assignment(id: $id) { overdue objective { state closedAt } }
         assignments(filter: { objectiveId: $o, overdue: true }) { totalCount } }`,
      { id: a.id, o: objectiveId },
    );
    expect(open.data).toEqual({
      assignment: { overdue: true, objective: { state: 'PUBLISHED', closedAt: null } },
      assignments: { totalCount: 1 },
    });
    const objective = ok(
      await giulia().graphql(`query($id: ID!) { sharedObjective(id: $id) { version } }`, { id: objectiveId }),
      'sharedObjective',
    );
    const closing = Date.now();
    ok(
      await giulia().graphql(
        `mutation($id: ID!, $v: Int!) { closeSharedObjective(id: $id, expectedVersion: $v) { state } }`,
        { id: objectiveId, v: objective.version },
      ),
      'closeSharedObjective',
    );
    const closed = await anna().graphql(
      `query($id: ID!, $o: ID!) { assignment(id: $id) { overdue objective { state closedAt } }
         assignments(filter: { objectiveId: $o, overdue: true }) { totalCount } }`,
      { id: a.id, o: objectiveId },
    );
    expect(closed.data!.assignment).toMatchObject({ overdue: false, objective: { state: 'CLOSED' } });
    expect(closed.data!.assignments.totalCount).toBe(0);
    expect(Math.abs(Date.parse(closed.data!.assignment.objective.closedAt) - closing)).toBeLessThan(60_000);
  });

  it('lets the office extend the deadline of a published objective, recorded with before and after', async () => {
    const objectiveId = await publishedObjective(api, {
      consortiumId: ids.consortiumA,
      comuneIds: [ids.crema],
      title: 'Scadenza da prorogare',
      dueDate: '2099-01-31',
    });
    const a = await assignmentOf(api, objectiveId, ids.crema);
    const objective = ok(
      await giulia().graphql(`query($id: ID!) { sharedObjective(id: $id) { version state } }`, {
        id: objectiveId,
      }),
      'sharedObjective',
    );
    expect(objective.state).toBe('PUBLISHED');
    const updated = ok(
      await giulia().graphql(
        `mutation($id: ID!, $v: Int!, $input: UpdateSharedObjectiveInput!) {
           updateSharedObjective(id: $id, expectedVersion: $v, input: $input) { title description dueDate state } }`,
        {
          id: objectiveId,
          v: objective.version,
          input: { title: 'Scadenza prorogata', description: 'Proroga concessa', dueDate: '2099-06-30' },
        },
      ),
      'updateSharedObjective',
    );
    expect(updated).toEqual({
      title: 'Scadenza prorogata',
      description: 'Proroga concessa',
      dueDate: '2099-06-30',
      state: 'PUBLISHED',
    });
    // The comune's assignment follows the objective's due date.
    const seen = ok(
      await anna().graphql(`query($id: ID!) { assignment(id: $id) { dueDate objective { title } } }`, {
        id: a.id,
      }),
      'assignment',
    );
    expect(seen).toEqual({ dueDate: '2099-06-30', objective: { title: 'Scadenza prorogata' } });
    const audit = ok(
      await giulia().graphql(
        `query($id: ID!) { auditLog(consortiumId: $id, action: "objective.update", first: 20) { edges { node { entityId detailsJson } } } }`,
        { id: ids.consortiumA },
      ),
      'auditLog',
    );
    const entry = audit.edges.map((e: any) => e.node).find((n: any) => n.entityId === objectiveId);
    expect(JSON.parse(entry.detailsJson)).toMatchObject({
      title: 'Scadenza prorogata',
      fromTitle: 'Scadenza da prorogare',
      fromDueDate: '2099-01-31',
      toDueDate: '2099-06-30',
      descriptionChanged: true,
      published: true,
    });
  });

  it("refuses a decision on a closed objective's submitted report", async () => {
    const a = await cremaAssignment(api, ids, 'SUBMITTED');
    const objective = ok(
      await giulia().graphql(`query($id: ID!) { sharedObjective(id: $id) { version } }`, {
        id: a.objectiveId,
      }),
      'sharedObjective',
    );
    ok(
      await giulia().graphql(
        `mutation($id: ID!, $v: Int!) { closeSharedObjective(id: $id, expectedVersion: $v) { state } }`,
        { id: a.objectiveId, v: objective.version },
      ),
      'closeSharedObjective',
    );
    expect(errorCodes(await review(api.as(STAFF_A), a.id, a.version, 'APPROVE'))).toEqual(['CONFLICT']);
    expect(errorCodes(await review(api.as(STAFF_A), a.id, a.version, 'REJECT', 'Tardi'))).toEqual([
      'CONFLICT',
    ]);
    expect((await snapshot(a.id)).status).toBe('SUBMITTED');
  });

  it('lets the office decide a submitted report only through review, never by updating it', async () => {
    const a = await cremaAssignment(api, ids, 'IN_PROGRESS');
    let v = ok(
      await update(anna(), a.id, a.version, { progress: 70, issues: 'Manca la firma' }),
      'updateAssignment',
    ).version;
    v = ok(await submit(a.id, v), 'submitAssignment').version;
    const before = await snapshot(a.id);

    const overwrite = await update(giulia(), a.id, v, {
      status: 'IN_PROGRESS',
      progress: 10,
      issues: 'Rifare',
    });
    expect(errorCodes(overwrite)).toEqual(['FORBIDDEN']);
    const reopen = await update(giulia(), a.id, v, { status: 'IN_PROGRESS' });
    expect(errorCodes(reopen)).toEqual(['CONFLICT']);
    expect(reopen.errors![0].message).toMatch(/reviewAssignment/);
    expect(errorCodes(await update(api.as(STAFF_A), a.id, v, { status: 'NOT_STARTED' }))).toEqual([
      'CONFLICT',
    ]);
    expect(await snapshot(a.id)).toEqual(before);
    expect(await actionsOf(giulia(), a.id)).toEqual(['APPROVE', 'REJECT', 'MARK_NOT_APPLICABLE']);

    // Settled work is reopened without touching the comune's progress and criticità.
    v = ok(await review(giulia(), a.id, v, 'APPROVE'), 'reviewAssignment').version;
    expect(
      errorCodes(await update(giulia(), a.id, v, { status: 'IN_PROGRESS', progress: 10, issues: 'Rifare' })),
    ).toEqual(['FORBIDDEN']);
    const reopened = ok(
      await update(giulia(), a.id, v, { status: 'IN_PROGRESS', note: 'Da rivedere' }),
      'updateAssignment',
    );
    expect(reopened).toMatchObject({ status: 'IN_PROGRESS', progress: 100, issues: 'Manca la firma' });
  });

  it('caps evidence at 200 per assignment, also under 30 concurrent additions', async () => {
    const a = await cremaAssignment(api, ids, 'IN_PROGRESS');
    const owner = new Client({ connectionString: api.config.databaseOwnerUrl });
    await owner.connect();
    try {
      await owner.query(
        `INSERT INTO evidence (consortium_id, comune_id, assignment_id, kind, description, added_by_subject)
         SELECT consortium_id, comune_id, id, 'NOTE', 'Evidenza ' || n, 'test'
           FROM assignment, generate_series(1, 195) AS n WHERE id = $1`,
        [a.id],
      );
      const results = await Promise.all(
        Array.from({ length: 30 }, (_, i) => addEvidence(anna(), a.id, `Concorrente ${i}`)),
      );
      expect(results.filter((r) => !r.errors)).toHaveLength(5);
      const refused = results.filter((r) => r.errors);
      expect(refused.map((r) => errorCodes(r)[0])).toEqual(Array(25).fill('BAD_USER_INPUT'));
      expect(refused[0].errors![0].message).toBe(
        'Campo "assignmentId": al massimo 200 evidenze per assegnazione',
      );
      const {
        rows: [{ count }],
      } = await owner.query(`SELECT count(*)::int AS count FROM evidence WHERE assignment_id = $1`, [a.id]);
      expect(count).toBe(200);
    } finally {
      await owner.end();
    }
  });
});
