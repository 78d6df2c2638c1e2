import './node-compat';
import './production-mode';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, Pool, PoolClient } from 'pg';
import { deriveContextKey, signContext } from '@rtd/kernel';
import { postgraphile } from 'postgraphile';
import { isDev } from 'postgraphile/grafast';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';

export { POSTGRAPHILE_QUERIES, type PostGraphileCase } from './queries';

/**
 * The competitor of the benchmark: PostGraphile v5 over the same tables and the same row-level
 * security as the product API. It connects as rtd_app like the API, and gets the same settings,
 * computed from the same token and signed with the same key (app_set_context, as
 * libs/kernel/src/database/db-context.ts), so both read exactly the rows the policies allow.
 */
export interface PostGraphileBenchServer {
  url: string;
  close(): Promise<void>;
}

export interface PostGraphileServerOptions {
  /** 0 picks a free port. */
  port: number;
  /** Must connect as rtd_app: a role that owns the tables or bypasses RLS would skip the policies. */
  databaseUrl: string;
  schemas: string[];
  /** The per-transaction settings for a request's Authorization header; throws when the token is invalid. */
  settingsFor(authorization: string | undefined): Promise<Record<string, string>>;
  /** DB_CONTEXT_KEY, the secret the settings are signed with (the API's own). */
  dbContextKey: string;
  /** Size of PostGraphile's pool; match the API's DATABASE_POOL_SIZE for a fair comparison. */
  poolSize?: number;
}

/** grafserv answers with the status a failing context carries, instead of 500. */
class UnauthenticatedError extends Error {
  readonly statusCode = 401;
  constructor(cause: unknown) {
    super(`UNAUTHENTICATED: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'UnauthenticatedError';
  }
}

/**
 * A superuser or BYPASSRLS role would read every tenant's rows: the benchmark would compare
 * against a server that skips the policies, and the RLS check of the smoke would be meaningless.
 */
async function assertSubjectToRowLevelSecurity(databaseUrl: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ user: string; bypasses: boolean }>(
      `SELECT current_user AS user, rolsuper OR rolbypassrls AS bypasses FROM pg_roles WHERE rolname = current_user`,
    );
    if (rows[0]?.bypasses) {
      throw new Error(`PostGraphile must connect as rtd_app, not ${rows[0].user}: that role bypasses RLS`);
    }
  } finally {
    await client.end();
  }
}

/** The statement PostGraphile (@dataplan/pg's pg adaptor) applies a transaction's pgSettings with. */
const PG_SETTINGS_SQL = 'select set_config(el->>0, el->>1, true) from json_array_elements($1::json) el';
/** The pgSettings that carry the signed context through PostGraphile to app_set_context. */
const CONTEXT = 'rtd.context';
const MAC = 'rtd.mac';
/**
 * The same entries, applied as a signed context instead: policies read only app_context(),
 * whose signature app_set_context binds to the backend and the transaction, so it cannot travel
 * as a plain setting. Without both entries, app_set_context refuses the transaction.
 */
const SIGNED_SETTINGS_SQL = `select app_set_context(
    max(el->>1) filter (where el->>0 = '${CONTEXT}'), max(el->>1) filter (where el->>0 = '${MAC}'))
  from json_array_elements($1::json) el`;

/**
 * A pool whose clients apply PostGraphile's pgSettings through app_set_context. A statement text
 * other than PG_SETTINGS_SQL (another PostGraphile version) is left as is: the policies then see
 * no tenant, and the benchmark fails on the empty answers.
 */
function signedSettingsPool(databaseUrl: string, max: number | undefined): Pool {
  const pool = new Pool({ connectionString: databaseUrl, ...(max ? { max } : {}) });
  pool.on('connect', (client: PoolClient) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (config: unknown, ...rest) => {
      const text = (config as { text?: unknown } | null)?.text;
      if (typeof config === 'object' && text === PG_SETTINGS_SQL) {
        return query({ ...(config as object), text: SIGNED_SETTINGS_SQL }, ...rest);
      }
      return query(config, ...rest);
    };
  });
  pool.on('error', (error) => console.error('PostGraphile bench pool error', error));
  return pool;
}

export async function startPostGraphileServer(
  options: PostGraphileServerOptions,
): Promise<PostGraphileBenchServer> {
  if (isDev) {
    console.warn('PostGraphile runs in development mode (GRAPHILE_ENV): its timings are not representative');
  }
  await assertSubjectToRowLevelSecurity(options.databaseUrl);
  const key = deriveContextKey(options.dbContextKey);
  const pool = signedSettingsPool(options.databaseUrl, options.poolSize);
  const pgService = makePgService({
    pool,
    schemas: options.schemas,
    // No subscriptions are served, so no LISTEN connection is held out of the pool.
    pubsub: false,
  });
  const preset: GraphileConfig.Preset = {
    extends: [PostGraphileAmberPreset],
    // Tenant-owned tables reference each other by (consortium_id, id) pairs, and the indexes that
    // serve those lookups lead with the id (evidence (assignment_id, added_at), shared_objective_line
    // (objective_id, plan_line_id)). This plugin only counts indexes holding every key column, so
    // it would hide assignment.evidences and objective.lines, which the benchmark reads. Without it
    // the schema is PostGraphile v4's default (ignoreIndexes).
    disablePlugins: ['PgIndexBehaviorsPlugin'],
    pgServices: [pgService],
    grafserv: { graphiql: false, graphiqlOnGraphQLGET: false, watch: false, websockets: false },
    grafast: {
      explain: false,
      async context(requestContext) {
        let pgSettings: Record<string, string>;
        try {
          const [context, mac] = signContext(
            key,
            await options.settingsFor(requestContext.node?.req.headers.authorization),
          );
          pgSettings = { [CONTEXT]: context, [MAC]: mac };
        } catch (error) {
          // Failing the request is the only safe answer: running it with no settings would look
          // like an empty, successful result to the benchmark.
          throw new UnauthenticatedError(error);
        }
        return { pgSettings };
      },
    },
  };

  const pgl = postgraphile(preset);
  let released = false;
  const release = async (): Promise<void> => {
    if (released) return;
    released = true;
    await pgl.release();
    // postgraphile does not end the pools of the services it was given.
    await pgService.release?.();
    await pool.end();
  };

  try {
    // Built now, so that a schema error fails the start rather than the first request, and the
    // first measured request does not pay for introspection.
    await pgl.getSchema();
    const serv = pgl.createServ(grafserv);
    const server = createServer();
    await serv.addTo(server);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    server.on('error', (error) => console.error('PostGraphile bench server error', error));
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}/graphql`,
      async close() {
        const closed = new Promise<void>((resolve, reject) =>
          server.close((error) => (error ? reject(error) : resolve())),
        );
        // Idle keep-alive connections of the load generator would otherwise hold close() open.
        server.closeAllConnections();
        await closed;
        await release();
      },
    };
  } catch (error) {
    await release();
    throw error;
  }
}
