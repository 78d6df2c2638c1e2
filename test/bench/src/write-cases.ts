import { DataSource } from 'typeorm';
import { applySettings, SessionSettings, withDbSession } from '@rtd/kernel';
import { Signer } from './fixtures';
import { loopLoad, Measure, round } from './measure';
import type { CpuWindow } from './processes';
import { CaseResult } from './report';

/** Case E: as many referents as connections, of different municipalities, each updating the progress of one of their assignments. */
export async function writeMix(
  owner: DataSource,
  app: DataSource,
  sign: Signer,
  apiUrl: string,
  settingsOf: (token: string) => Promise<SessionSettings>,
  level: { connections: number; seconds: number; warmupSeconds: number },
  cpu: { api: CpuWindow; floor: CpuWindow },
): Promise<CaseResult> {
  const rows: { id: string; version: number; fiscal_code: string }[] = await owner.query(`
    SELECT DISTINCT ON (a.comune_id) a.id, a.version, p.fiscal_code
      FROM assignment a JOIN membership m ON m.comune_id = a.comune_id AND m.role = 'COMUNE_REFERENT'
      JOIN person p ON p.id = m.person_id JOIN comune c ON c.id = a.comune_id
     WHERE a.status = 'IN_PROGRESS' AND c.region_code = '03' ORDER BY a.comune_id, a.id LIMIT ${level.connections}`);
  const writers = await Promise.all(
    rows.map(async (row) => ({ ...row, token: await sign.person(row.fiscal_code) })),
  );
  let conflicts = 0;
  const api = await loopLoad(
    async (i) => {
      const w = writers[i];
      const response = await fetch(apiUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${w.token}` },
        body: JSON.stringify({
          query: `mutation($id: ID!, $v: Int!, $p: Int!) { updateAssignment(id: $id, expectedVersion: $v, input: { progress: $p }) { version } }`,
          variables: { id: w.id, v: w.version, p: 10 + Math.floor(Math.random() * 80) },
        }),
      });
      const body = (await response.json()) as {
        data?: { updateAssignment?: { version: number } };
        errors?: { extensions?: { code?: string } }[];
      };
      if (body.data?.updateAssignment) {
        w.version = body.data.updateAssignment.version;
        return true;
      }
      if (body.errors?.[0]?.extensions?.code === 'CONFLICT') conflicts++;
      return false;
    },
    writers.length,
    { ...level, cpu: cpu.api },
  );
  // The floor: what the service writes (versioned update, history, audit), in one statement as it does.
  const settings = await Promise.all(writers.map((w) => settingsOf(w.token)));
  const versions = await owner.query(`SELECT id, version FROM assignment WHERE id = ANY($1)`, [
    writers.map((w) => w.id),
  ]);
  const current = new Map<string, number>(
    versions.map((v: { id: string; version: number }) => [v.id, v.version]),
  );
  const floor = await loopLoad(
    (i) =>
      withDbSession(app, {}, async (session) => {
        const db = await session.manager();
        const w = writers[i];
        await applySettings(db, settings[i]);
        const version = current.get(w.id)!;
        // One statement, as the service's (the update, its history event and its audit entry).
        const updated: unknown[] = await db.query(
          `WITH changed AS (
             UPDATE assignment SET progress = $3, version = version + 1, updated_at = now()
              WHERE id = $1 AND version = $2 RETURNING id, consortium_id, comune_id, status, progress
           ), history AS (
             INSERT INTO status_event (consortium_id, comune_id, assignment_id, from_status, to_status, progress,
                                       actor_subject, actor_person_id)
             SELECT consortium_id, comune_id, id, status, status, progress, $4, app_person() FROM changed
           ), audit AS (
             INSERT INTO audit_log (consortium_id, comune_id, actor_subject, action, entity_type, entity_id)
             SELECT consortium_id, comune_id, $4, 'assignment.update', 'Assignment', id FROM changed
           )
           SELECT id FROM changed`,
          [w.id, version, 10 + Math.floor(Math.random() * 80), w.fiscal_code],
        );
        if (updated.length === 0) return false;
        current.set(w.id, version + 1);
        return true;
      }),
    writers.length,
    { ...level, cpu: cpu.floor },
  );
  return {
    id: 'E',
    connections: level.connections,
    title: `Scritture: ${writers.length} referenti aggiornano l'avanzamento in parallelo`,
    ways: { api, floor },
    extra: { conflicts },
  };
}

/** Case D: one objective published to a consortium of all 7,904 municipalities, until its push run is DONE. */
export async function fanOut(owner: DataSource, sign: Signer, apiUrl: string): Promise<CaseResult> {
  const saved: { consortium_id: string; comune_id: string }[] = await owner.query(
    `SELECT consortium_id, comune_id FROM consortium_member`,
  );
  const [national] = await owner.query(
    `INSERT INTO consortium (name, created_by) VALUES ('Consorzio nazionale (bench ' || now() || ')', 'bench') RETURNING id`,
  );
  const [person] = await owner.query(
    `SELECT fiscal_code, id FROM person WHERE fiscal_code LIKE 'BNCRTD%' ORDER BY fiscal_code LIMIT 1`,
  );
  try {
    await owner.query(`DELETE FROM consortium_member`);
    await owner.query(`INSERT INTO consortium_member (consortium_id, comune_id) SELECT $1, id FROM comune`, [
      national.id,
    ]);
    await owner.query(
      `INSERT INTO membership (person_id, role, consortium_id, granted_by) VALUES ($1, 'CONSORTIUM_RTD', $2, 'bench')`,
      [person.id, national.id],
    );
    const token = await sign.person(person.fiscal_code);
    const call = async (query: string, variables: Record<string, unknown>) => {
      const response = await fetch(apiUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as {
        data: Record<string, { id: string; state: string; created: number }>;
        errors?: unknown;
      };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data;
    };
    const objective = (
      await call(
        `mutation($input: CreateSharedObjectiveInput!) { createSharedObjective(input: $input) { id } }`,
        {
          input: {
            consortiumId: national.id,
            title: 'Fan-out nazionale',
            edition: '2022-2024',
            lineCodes: ['CAP1.PA.LA20'],
            target: { all: true },
          },
        },
      )
    ).createSharedObjective;
    const started = performance.now();
    const run = (
      await call(`mutation($id: ID!) { publishSharedObjective(id: $id) { id } }`, { id: objective.id })
    ).publishSharedObjective;
    let state: { state: string; created: number } = { state: 'QUEUED', created: 0 };
    while (state.state !== 'DONE' && state.state !== 'FAILED' && performance.now() - started < 300_000) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      state = (await call(`query($id: ID!) { pushRun(id: $id) { state created } }`, { id: run.id })).pushRun;
    }
    const seconds = (performance.now() - started) / 1000;
    // The floor: the fan-out's insert of all 7,904 assignments and their first history event, as one statement.
    const floorStarted = performance.now();
    await owner
      .transaction(async (db) => {
        const [o] = await db.query(
          `INSERT INTO shared_objective (consortium_id, title, edition_code, target, created_by, state, published_at)
        VALUES ($1, 'floor', '2022-2024', '{"all": true}', 'bench', 'PUBLISHED', now()) RETURNING id`,
          [national.id],
        );
        await db.query(
          `WITH created AS (INSERT INTO assignment (consortium_id, comune_id, objective_id)
          SELECT $1, comune_id, $2 FROM consortium_member WHERE consortium_id = $1 RETURNING id, comune_id)
        INSERT INTO status_event (consortium_id, comune_id, assignment_id, to_status, progress, actor_subject)
        SELECT $1, comune_id, id, 'NOT_STARTED', 0, 'bench' FROM created`,
          [national.id, o.id],
        );
        throw new RollbackFloor();
      })
      .catch((error: unknown) => {
        if (!(error instanceof RollbackFloor)) throw error;
      });
    const floorSeconds = (performance.now() - floorStarted) / 1000;
    const measure = (s: number): Measure => ({
      requests: 1,
      errors: 0,
      rps: round(state.created / s),
      p50: round(s * 1000),
      p99: round(s * 1000),
      seconds: round(s),
    });
    return {
      id: 'D',
      title: 'Fan-out: pubblicazione a un consorzio di 7.904 comuni fino a DONE',
      ways: { api: measure(seconds), floor: measure(floorSeconds) },
      extra: {
        created: state.created,
        state: state.state,
        seconds: round(seconds),
        assignmentsPerSecond: round(state.created / seconds),
      },
    };
  } finally {
    await owner.query(`DELETE FROM consortium_member`);
    await owner.query(
      `INSERT INTO consortium_member (consortium_id, comune_id) SELECT * FROM unnest($1::uuid[], $2::uuid[])`,
      [saved.map((s) => s.consortium_id), saved.map((s) => s.comune_id)],
    );
    // The bench database is disposable: its owner lifts the append-only guards (status_event,
    // piano_history, audit_log: whichever the schema has) to remove this run's history.
    await owner.transaction(async (db) => {
      const guards: { target: string; name: string }[] = await db.query(
        `SELECT tgrelid::regclass::text AS target, tgname AS name FROM pg_trigger
          WHERE NOT tgisinternal AND tgname LIKE '%\\_append\\_only'`,
      );
      const toggle = async (action: 'DISABLE' | 'ENABLE') => {
        for (const g of guards) await db.query(`ALTER TABLE ${g.target} ${action} TRIGGER ${g.name}`);
      };
      await toggle('DISABLE');
      await db.query(`DELETE FROM consortium WHERE id = $1`, [national.id]);
      await toggle('ENABLE');
    });
  }
}

class RollbackFloor extends Error {}
