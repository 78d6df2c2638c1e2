import { createHmac } from 'node:crypto';
import { escapeLiteral } from 'pg';
import { DataSource } from 'typeorm';

/**
 * The row-level security settings of a transaction are signed, so that SQL run as the
 * application role (an injection, say) cannot widen them with `set_config('app.admin', 'on')`.
 *
 * The application holds DB_CONTEXT_KEY; the owner role stores the key derived from it in
 * `app_context_key`, a table the application role cannot read (storeContextKey, at every
 * migration run). A transaction's settings go to PostgreSQL as one JSON text and its HMAC, in
 * bound parameters only, through the SECURITY DEFINER function `app_set_context`: it checks the
 * HMAC once and keeps the verified settings for the rest of the transaction in a temporary
 * table of its owner's (`pg_temp.app_verified_context`, which rtd_app cannot read or write), as
 * well as the text in `app.context` with a second HMAC bound to the backend and the transaction
 * (`app.context_sig`). Policies read the settings through `app_context()`: the verified row, or,
 * where there is none (a standby), `{}` (no tenant) unless that second HMAC still matches. See
 * migrations/1764000009000-signed-tenant-context.ts and 1764000285000-verified-context-once.ts.
 */

/** The statement that applies a signed context; `$1` is the JSON text, `$2` its HMAC in hex. */
export const SET_CONTEXT_SQL = 'SELECT app_set_context($1, $2)';

/**
 * The same statement with its values as literals (pg's escapeLiteral), for a simple-protocol
 * query that sends it with START TRANSACTION in one round trip (DbSession): no bound parameters
 * there. The JSON may hold any text a token carries; escapeLiteral quotes it whole.
 */
export function setContextStatement(key: Buffer, settings: Record<string, string>): string {
  const [context, mac] = signContext(key, settings);
  return `SELECT app_set_context(${escapeLiteral(context)}, ${escapeLiteral(mac)})`;
}

/** The key stored in the database: derived, so the operator's secret itself is never stored. */
export function deriveContextKey(secret: string): Buffer {
  return createHmac('sha256', secret).update('rtd-hub/db-context/v1').digest();
}

/** The JSON text and its HMAC-SHA256 (hex) under the derived key. */
export function signContext(key: Buffer, settings: Record<string, string>): [context: string, mac: string] {
  const context = JSON.stringify(settings);
  return [context, createHmac('sha256', key).update(context, 'utf8').digest('hex')];
}

const KEYS = new WeakMap<DataSource, Buffer>();

/** Gives the application's pool its signing key (libs/platform appDataSource). */
export function bindContextKey(dataSource: DataSource, secret: string): void {
  KEYS.set(dataSource, deriveContextKey(secret));
}

/** The pool's key; a pool without one cannot apply settings, so it fails rather than run untenanted. */
export function contextKeyOf(dataSource: DataSource): Buffer {
  const key = KEYS.get(dataSource);
  if (!key) throw new Error('No DB_CONTEXT_KEY bound to this data source: use appDataSource()');
  return key;
}

/** The owner stores (or replaces) the derived key; run after every migration run. */
export async function storeContextKey(
  owner: { query(sql: string, parameters?: unknown[]): Promise<unknown> },
  secret: string,
): Promise<void> {
  await owner.query(
    `INSERT INTO app_context_key (singleton, key) VALUES (true, $1)
     ON CONFLICT (singleton) DO UPDATE SET key = excluded.key, stored_at = now()
       WHERE app_context_key.key IS DISTINCT FROM excluded.key`,
    [deriveContextKey(secret)],
  );
}
