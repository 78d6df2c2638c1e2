import { DataSource } from 'typeorm';
import { SessionSettings } from '@rtd/kernel';
import { ColdWay, ColdWriter, coldSummaryLoad, READS_PER_WRITE, sqlWrite } from './cold-and-rls';
import { API_QUERIES, Fixtures, Signer } from './fixtures';
import { assertNonEmpty } from './measure';
import { POSTGRAPHILE_QUERIES } from './postgraphile/queries';
import type { CpuWindow } from './processes';
import { CaseResult, Way } from './report';

/**
 * Case A-cold: case A's summary, with one referent's progress update of an assignment of the
 * consortium after every ten reads (through the API for the API way, the equivalent UPDATE under
 * the referent's settings for PostGraphile and the floor), so that no cache can hide the cost.
 */
export async function coldSummary(
  owner: DataSource,
  app: DataSource,
  sign: Signer,
  settingsOf: (token: string) => Promise<SessionSettings>,
  fixtures: Fixtures,
  ways: {
    api: { url: string; token: string };
    postgraphile: { url: string; token: string };
    floor: () => Promise<boolean>;
    level: { connections: number; seconds: number; warmupSeconds: number };
    cpu: Record<Way, CpuWindow>;
  },
): Promise<CaseResult> {
  const rows: { assignmentId: string; version: number; comuneId: string; fiscalCode: string }[] =
    await owner.query(
      `SELECT DISTINCT ON (a.comune_id) a.id AS "assignmentId", a.version, a.comune_id AS "comuneId",
              p.fiscal_code AS "fiscalCode"
         FROM assignment a JOIN shared_objective o ON o.id = a.objective_id AND o.state <> 'CLOSED'
         JOIN membership m ON m.comune_id = a.comune_id AND m.role = 'COMUNE_REFERENT' AND m.revoked_at IS NULL
         JOIN person p ON p.id = m.person_id
        WHERE a.consortium_id = $1 AND a.status = 'IN_PROGRESS' ORDER BY a.comune_id, a.id LIMIT 20`,
      [fixtures.consortiumId],
    );
  if (rows.length === 0)
    throw new Error('caso A-cold: no referent of the consortium has an assignment in progress');
  const writers: ColdWriter[] = await Promise.all(
    rows.map(async (row) => {
      const token = await sign.person(row.fiscalCode);
      return { ...row, token, settings: await settingsOf(token), busy: false };
    }),
  );
  const refresh = async (writer: ColdWriter) => {
    const [row] = await owner.query(`SELECT version FROM assignment WHERE id = $1`, [writer.assignmentId]);
    writer.version = row.version;
  };
  const graphql = async (url: string, token: string, query: string, variables: Record<string, unknown>) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return {
      ok: response.ok,
      body: (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] },
    };
  };
  const reader = (url: string, token: string, query: string) => {
    const variables = { id: fixtures.consortiumId, consortiumId: fixtures.consortiumId };
    return async () => {
      const { ok, body } = await graphql(url, token, query, variables);
      return ok && !body.errors;
    };
  };
  const sqlWriter = async (writer: ColdWriter, progress: number) => {
    if (await sqlWrite(app, writer, progress)) return true;
    await refresh(writer);
    return false;
  };
  const way: Record<Way, ColdWay> = {
    api: {
      read: reader(ways.api.url, ways.api.token, API_QUERIES.A),
      async write(writer, progress) {
        const { body } = await graphql(
          ways.api.url,
          writer.token,
          `
            mutation ($id: ID!, $v: Int!, $p: Int!) {
              updateAssignment(id: $id, expectedVersion: $v, input: { progress: $p }) {
                version
              }
            }
          `,
          { id: writer.assignmentId, v: writer.version, p: progress },
        );
        const version = (body.data?.updateAssignment as { version?: number } | undefined)?.version;
        if (version) {
          writer.version = version;
          return true;
        }
        await refresh(writer);
        return false;
      },
    },
    postgraphile: {
      read: reader(ways.postgraphile.url, ways.postgraphile.token, POSTGRAPHILE_QUERIES.caseA),
      write: sqlWriter,
    },
    floor: { read: ways.floor, write: sqlWriter },
  };
  const result: CaseResult = {
    id: 'A-cold',
    connections: ways.level.connections,
    title: `Dashboard di un consorzio (come A) con una scrittura di un referente ogni ${READS_PER_WRITE} letture (${writers.length} referenti a turno)`,
    ways: {},
    extra: {},
  };
  for (const name of ['api', 'postgraphile', 'floor'] as const) {
    // A way that answers nothing (RLS hiding every row) would be fast and meaningless.
    if (name !== 'floor') {
      const target = ways[name];
      assertNonEmpty(
        `A-cold ${name}`,
        (
          await graphql(
            target.url,
            target.token,
            name === 'api' ? API_QUERIES.A : POSTGRAPHILE_QUERIES.caseA,
            { id: fixtures.consortiumId, consortiumId: fixtures.consortiumId },
          )
        ).body,
      );
    } else if (!(await ways.floor())) throw new Error('A-cold floor: no row');
    if (!(await way[name].write(writers[0], 42))) throw new Error(`A-cold ${name}: the write failed`);
    const { measure, writes, reads } = await coldSummaryLoad(way[name], writers, ways.level.connections, {
      ...ways.level,
      cpu: ways.cpu[name],
    });
    result.ways[name] = measure;
    result.extra![`${name} writes`] = writes;
    result.extra![`${name} reads`] = reads;
  }
  return result;
}
