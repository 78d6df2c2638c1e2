import { INestApplicationContext } from '@nestjs/common';
import { RTD_A } from './support/identities';
import { errorCodes, startTestApi, TestApi } from './support/test-app';
import { eventually, startTestWorker } from './support/test-worker';

describe('Shared objectives and their fan-out', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let consortiumA: string;

  beforeAll(async () => {
    api = await startTestApi();
    worker = await startTestWorker(api.config);
    const res = await api.as(RTD_A).graphql(`{ consortia { id name } }`);
    consortiumA = res.data!.consortia[0].id;
  });
  afterAll(async () => {
    await worker?.close();
    await api.close();
  });

  const create = (variables: Record<string, unknown>) =>
    api.as(RTD_A).graphql(
      `mutation($input: CreateSharedObjectiveInput!) { createSharedObjective(input: $input) {
        id state version targetedCount assignmentCount edition dueDate
        target { all minPopulation } lines { code minPopulation } consortium { id } } }`,
      variables,
    );

  const waitForRun = (id: string) =>
    eventually(
      async () =>
        (
          await api
            .as(RTD_A)
            .graphql(`query($id: ID!) { pushRun(id: $id) { state targeted created skipped } }`, { id })
        ).data!.pushRun,
      (run: any) => run.state === 'DONE' || run.state === 'FAILED',
    );

  it('publishes CAP1.PA.LA19 to the members over 15,000 only, once (done-when of issue 4)', async () => {
    const created = await create({
      input: {
        consortiumId: consortiumA,
        title: 'Web Analytics Italia sui siti comunali',
        edition: '2022-2024',
        lineCodes: ['CAP1.PA.LA19'],
        dueDate: '2023-12-31',
        target: { all: true },
      },
    });
    expect(created.errors).toBeUndefined();
    const objective = created.data!.createSharedObjective;
    expect(objective).toMatchObject({
      state: 'DRAFT',
      version: 1,
      targetedCount: 2,
      assignmentCount: 0,
      target: { all: true, minPopulation: 15001 },
      lines: [{ code: 'CAP1.PA.LA19', minPopulation: 15001 }],
    });

    const publish = `mutation($id: ID!) { publishSharedObjective(id: $id) { id state targeted objective { state } } }`;
    const first = await api.as(RTD_A).graphql(publish, { id: objective.id });
    expect(first.errors).toBeUndefined();
    expect(first.data!.publishSharedObjective).toMatchObject({
      state: 'QUEUED',
      targeted: 2,
      objective: { state: 'PUBLISHED' },
    });
    expect(await waitForRun(first.data!.publishSharedObjective.id)).toEqual({
      state: 'DONE',
      targeted: 2,
      created: 2,
      skipped: 0,
    });

    const again = await api.as(RTD_A).graphql(publish, { id: objective.id });
    expect(await waitForRun(again.data!.publishSharedObjective.id)).toEqual({
      state: 'DONE',
      targeted: 2,
      created: 0,
      skipped: 2,
    });
    const after = await api
      .as(RTD_A)
      .graphql(`query($id: ID!) { sharedObjective(id: $id) { assignmentCount version } }`, {
        id: objective.id,
      });
    expect(after.data!.sharedObjective).toEqual({ assignmentCount: 2, version: 2 });
  });

  it('an objective without a due date is never overdue: its assignments read as on time (no internal error)', async () => {
    const created = await create({
      input: {
        consortiumId: consortiumA,
        title: 'Senza scadenza',
        edition: '2022-2024',
        lineCodes: ['CAP1.PA.LA19'],
        target: { all: true },
      },
    });
    expect(created.errors).toBeUndefined();
    const objective = created.data!.createSharedObjective;
    expect(objective.dueDate).toBeNull();
    const published = await api
      .as(RTD_A)
      .graphql(`mutation($id: ID!) { publishSharedObjective(id: $id) { id } }`, { id: objective.id });
    expect(published.errors).toBeUndefined();
    expect(await waitForRun(published.data!.publishSharedObjective.id)).toMatchObject({ state: 'DONE' });
    const page = await api
      .as(RTD_A)
      .graphql(
        `query($f: AssignmentFilter!) { assignments(filter: $f) { totalCount edges { node { id overdue dueDate } } } }`,
        { f: { objectiveId: objective.id } },
      );
    expect(page.errors).toBeUndefined();
    expect(page.data!.assignments.totalCount).toBeGreaterThan(0);
    for (const { node } of page.data!.assignments.edges)
      expect(node).toMatchObject({ overdue: false, dueDate: null });
    const late = await api
      .as(RTD_A)
      .graphql(`query($f: AssignmentFilter!) { assignments(filter: $f) { totalCount } }`, {
        f: { objectiveId: objective.id, overdue: true },
      });
    expect(late.data!.assignments.totalCount).toBe(0);
  });

  it('checks versions, lines and targets, naming the field', async () => {
    const base = {
      consortiumId: consortiumA,
      title: 'Sicurezza',
      edition: '2022-2024',
      target: { all: true },
    };
    const unknownLine = await create({ input: { ...base, lineCodes: ['CAP9.PA.LA99'] } });
    expect(errorCodes(unknownLine)).toEqual(['BAD_USER_INPUT']);
    expect(unknownLine.errors![0].message).toContain('lineCodes');
    const noTarget = await create({ input: { ...base, lineCodes: ['CAP6.PA.LA06'], target: {} } });
    expect(errorCodes(noTarget)).toEqual(['BAD_USER_INPUT']);

    const ok = await create({ input: { ...base, lineCodes: ['CAP6.PA.LA06'] } });
    const id = ok.data!.createSharedObjective.id;
    const update = `mutation($id: ID!, $v: Int!) { updateSharedObjective(id: $id, expectedVersion: $v, input: { title: "Misure minime" }) { title version } }`;
    expect((await api.as(RTD_A).graphql(update, { id, v: 1 })).data!.updateSharedObjective).toEqual({
      title: 'Misure minime',
      version: 2,
    });
    expect(errorCodes(await api.as(RTD_A).graphql(update, { id, v: 1 }))).toEqual(['CONFLICT']);
    const close = `mutation($id: ID!, $v: Int!) { closeSharedObjective(id: $id, expectedVersion: $v) { state } }`;
    expect((await api.as(RTD_A).graphql(close, { id, v: 2 })).data!.closeSharedObjective.state).toBe(
      'CLOSED',
    );
    expect(
      errorCodes(
        await api.as(RTD_A).graphql(`mutation($id: ID!) { publishSharedObjective(id: $id) { id } }`, { id }),
      ),
    ).toEqual(['CONFLICT']);
  });
});
