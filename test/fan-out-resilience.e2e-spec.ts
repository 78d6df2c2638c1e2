import { ChildProcess, spawn } from 'node:child_process';
import { connect } from 'node:net';
import { Client } from 'pg';
import { RTD_A } from './support/identities';
import { environmentFor, freePort, RunningProcess, startProcess } from './support/processes';
import { ok } from './support/scenario';
import { startTestApi, TestApi } from './support/test-app';
import { eventually } from './support/test-worker';

const NATIONAL = 'Consorzio nazionale di prova';

/**
 * The fan-out survives what production does to it: a worker killed mid-run, Redis down when an
 * objective is published. The worker runs as a real process here, so that it can be killed.
 */
describe('Fan-out resilience', () => {
  let api: TestApi;
  let owner: Client;
  let consortiumId: string;

  beforeAll(async () => {
    api = await startTestApi({ fanOutBatchSize: 100 });
    owner = new Client({ connectionString: api.config.databaseOwnerUrl });
    await owner.connect();
    // Every Italian municipality in one consortium, led by Giulia Ferrari: 7,904 members.
    await owner.query(`DELETE FROM consortium_member`);
    const [row] = (
      await owner.query(`INSERT INTO consortium (name, created_by) VALUES ($1, 'test') RETURNING id`, [
        NATIONAL,
      ])
    ).rows;
    consortiumId = row.id;
    await owner.query(`INSERT INTO consortium_member (consortium_id, comune_id) SELECT $1, id FROM comune`, [
      consortiumId,
    ]);
    await owner.query(
      `INSERT INTO membership (person_id, role, consortium_id, granted_by)
       SELECT id, 'CONSORTIUM_RTD', $1, 'test' FROM person WHERE fiscal_code = $2`,
      [consortiumId, RTD_A],
    );
  });
  afterAll(async () => {
    await owner?.end();
    await api.close();
  });

  async function publish(title: string): Promise<{ objectiveId: string; runId: string }> {
    const giulia = api.as(RTD_A);
    const objective = ok(
      await giulia.graphql(
        `mutation($input: CreateSharedObjectiveInput!) { createSharedObjective(input: $input) { id targetedCount } }`,
        {
          input: {
            consortiumId,
            title,
            edition: '2022-2024',
            lineCodes: ['CAP1.PA.LA20'],
            target: { all: true },
          },
        },
      ),
      'createSharedObjective',
    );
    expect(objective.targetedCount).toBe(7904);
    const run = ok(
      await giulia.graphql(`mutation($id: ID!) { publishSharedObjective(id: $id) { id state } }`, {
        id: objective.id,
      }),
      'publishSharedObjective',
    );
    expect(run.state).toBe('QUEUED');
    return { objectiveId: objective.id, runId: run.id };
  }

  const runState = async (runId: string) =>
    (await owner.query(`SELECT state, created, skipped, targeted FROM push_run WHERE id = $1`, [runId]))
      .rows[0];
  const assignmentsOf = async (objectiveId: string) =>
    (
      await owner.query(
        `SELECT count(*)::int AS total, count(DISTINCT comune_id)::int AS distinct_comuni,
                (SELECT count(*)::int FROM status_event e JOIN assignment x ON x.id = e.assignment_id
                  WHERE x.objective_id = $1) AS events
           FROM assignment WHERE objective_id = $1`,
        [objectiveId],
      )
    ).rows[0];

  function worker(env: NodeJS.ProcessEnv = {}): RunningProcess {
    return startProcess('apps/worker/src/main.js', {
      ...environmentFor(api.config),
      JOB_LOCK_MS: '2000',
      ...env,
    });
  }

  it('ends with exactly one assignment per municipality when the worker is killed mid-run', async () => {
    const { objectiveId, runId } = await publish('Dichiarazione di accessibilità');
    const first = worker();
    await eventually(
      () => runState(runId),
      (run) => run.created >= 300,
      60_000,
    );
    first.child.kill('SIGKILL');
    await first.exited;
    const interrupted = await runState(runId);
    expect(interrupted.state).toBe('RUNNING');
    expect(interrupted.created).toBeLessThan(7904);

    const second = worker();
    try {
      const done = await eventually(
        () => runState(runId),
        (run) => run.state === 'DONE',
        90_000,
      );
      expect(done).toEqual({ state: 'DONE', created: 7904, skipped: 0, targeted: 7904 });
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
    expect(await assignmentsOf(objectiveId)).toEqual({ total: 7904, distinct_comuni: 7904, events: 7904 });
  }, 180_000);

  /** Whether the outbox relay is working on a pending row: it holds the row's lock, or has tried. */
  async function relayHolding(): Promise<boolean> {
    const { rows } = await owner.query<{ pending: number; free: number; tried: number }>(
      `SELECT (SELECT count(*) FROM outbox WHERE processed_at IS NULL)::int AS pending,
              (SELECT count(*) FROM (SELECT id FROM outbox WHERE processed_at IS NULL FOR UPDATE SKIP LOCKED) f)::int AS free,
              (SELECT count(*) FROM outbox WHERE processed_at IS NULL AND (attempts > 0 OR last_error IS NOT NULL))::int AS tried`,
    );
    const { pending, free, tried } = rows[0];
    return pending > 0 && (free < pending || tried > 0);
  }

  /** Polls a fresh redis-server until it answers PING. */
  async function redisAnswers(port: number): Promise<void> {
    await eventually(
      () =>
        new Promise<boolean>((resolve) => {
          const socket = connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
          socket.once('data', (data) => {
            socket.destroy();
            resolve(data.toString().startsWith('+PONG'));
          });
          socket.once('error', () => resolve(false));
        }),
      (up) => up,
      10_000,
    );
  }

  it('publishes while Redis is down, and completes once Redis is back', async () => {
    const port = await freePort();
    const startRedis = (): ChildProcess =>
      spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        {
          stdio: 'ignore',
        },
      );
    let redis = startRedis();
    const redisUrl = `redis://127.0.0.1:${port}`;
    await redisAnswers(port);
    const relayAndWorker = worker({ REDIS_URL: redisUrl });
    try {
      await relayAndWorker.waitForOutput(/RTD Hub worker avviato/);
      redis.kill('SIGKILL');
      await new Promise((resolve) => redis.once('exit', resolve));

      // The API does not need Redis to publish: the state change and the outbox row commit together.
      const { objectiveId, runId } = await publish('Piattaforma Notifiche Digitali');
      // No blind wait: the relay has taken the outbox row (it holds its lock while it tries to
      // enqueue, or has counted a failed attempt) and the run is still only queued.
      await eventually(
        () => relayHolding(),
        (holding) => holding,
        60_000,
      );
      expect((await runState(runId)).state).toBe('QUEUED');

      redis = startRedis();
      const done = await eventually(
        () => runState(runId),
        (run) => run.state === 'DONE',
        120_000,
      );
      expect(done).toMatchObject({ state: 'DONE', created: 7904 });
      expect(await assignmentsOf(objectiveId)).toMatchObject({ total: 7904, distinct_comuni: 7904 });
    } finally {
      relayAndWorker.child.kill('SIGKILL');
      await relayAndWorker.exited;
      redis.kill('SIGKILL');
    }
  }, 240_000);
});
