import { DELEGATE_CREMA, REFERENT_CREMA, RTD_A } from './identities';
import { GraphqlResponse, TestApi } from './test-app';
import { eventually } from './test-worker';

/** Ids of the demo tenants and a few of their municipalities, as the API names them. */
export interface DemoIds {
  consortiumA: string;
  consortiumB: string;
  crema: string;
  pandino: string;
  vaiano: string;
}

export async function demoIds(api: TestApi): Promise<DemoIds> {
  const res = await api.as('SPSGRG72R15H501Q').graphql(`{ consortia { id name }
    crema: comuneByIstatCode(istatCode: "019035") { id }
    pandino: comuneByIstatCode(istatCode: "019067") { id }
    vaiano: comuneByIstatCode(istatCode: "100006") { id } }`);
  const [a, b] = res.data!.consortia;
  return {
    consortiumA: a.id,
    consortiumB: b.id,
    crema: res.data!.crema.id,
    pandino: res.data!.pandino.id,
    vaiano: res.data!.vaiano.id,
  };
}

export function ok<T = any>(res: GraphqlResponse, field: string): T {
  if (res.errors) throw new Error(`${field}: ${JSON.stringify(res.errors)}`);
  return (res.data as Record<string, T>)[field];
}

/** Creates and publishes an objective (as the RTD office of `consortiumId`), waiting for its fan-out. */
export async function publishedObjective(
  api: TestApi,
  options: {
    as?: string;
    consortiumId: string;
    comuneIds?: string[];
    lineCodes?: string[];
    title?: string;
    dueDate?: string;
    /** The Piano Triennale edition of `lineCodes` (2022-2024 unless told). */
    edition?: string;
  },
): Promise<string> {
  const rtd = api.as(options.as ?? RTD_A);
  const objective = ok(
    await rtd.graphql(
      `mutation($input: CreateSharedObjectiveInput!) { createSharedObjective(input: $input) { id } }`,
      {
        input: {
          consortiumId: options.consortiumId,
          title: options.title ?? 'Obiettivo di prova',
          edition: options.edition ?? '2022-2024',
          lineCodes: options.lineCodes ?? ['CAP1.PA.LA20'],
          dueDate: options.dueDate ?? '2099-12-31',
          target: options.comuneIds ? { comuneIds: options.comuneIds } : { all: true },
        },
      },
    ),
    'createSharedObjective',
  );
  const run = ok(
    await rtd.graphql(`mutation($id: ID!) { publishSharedObjective(id: $id) { id } }`, { id: objective.id }),
    'publishSharedObjective',
  );
  await eventually(
    async () =>
      ok(await rtd.graphql(`query($id: ID!) { pushRun(id: $id) { state } }`, { id: run.id }), 'pushRun'),
    (r: any) => r.state === 'DONE',
  );
  return objective.id;
}

export async function assignmentOf(api: TestApi, objectiveId: string, comuneId: string, as = RTD_A) {
  const page = ok(
    await api
      .as(as)
      .graphql(
        `query($f: AssignmentFilter!) { assignments(filter: $f) { edges { node { id version status } } } }`,
        { f: { objectiveId, comuneId } },
      ),
    'assignments',
  );
  return page.edges[0].node as { id: string; version: number; status: string };
}

/** A fresh Crema assignment, moved by its referent to `status` (NOT_STARTED, IN_PROGRESS or SUBMITTED). */
export async function cremaAssignment(
  api: TestApi,
  ids: DemoIds,
  status: 'NOT_STARTED' | 'IN_PROGRESS' | 'SUBMITTED' = 'NOT_STARTED',
  options: { delegated?: boolean } = {},
) {
  const objectiveId = await publishedObjective(api, {
    consortiumId: ids.consortiumA,
    comuneIds: [ids.crema],
  });
  let assignment = await assignmentOf(api, objectiveId, ids.crema);
  const anna = api.as(REFERENT_CREMA);
  if (options.delegated) {
    assignment = ok(
      await anna.graphql(
        `mutation($id: ID!, $fc: String) { delegateAssignment(id: $id, fiscalCode: $fc) { id version status } }`,
        {
          id: assignment.id,
          fc: DELEGATE_CREMA,
        },
      ),
      'delegateAssignment',
    );
  }
  if (status !== 'NOT_STARTED') {
    assignment = ok(
      await anna.graphql(
        `mutation($id: ID!, $v: Int!) { updateAssignment(id: $id, expectedVersion: $v, input: { status: IN_PROGRESS, progress: 40 }) { id version status } }`,
        { id: assignment.id, v: assignment.version },
      ),
      'updateAssignment',
    );
  }
  if (status === 'SUBMITTED') {
    assignment = ok(
      await anna.graphql(
        `mutation($id: ID!, $v: Int!) { submitAssignment(id: $id, expectedVersion: $v) { id version status } }`,
        {
          id: assignment.id,
          v: assignment.version,
        },
      ),
      'submitAssignment',
    );
  }
  return { objectiveId, ...assignment };
}
