import { DbSession, withDbSession } from '@rtd/kernel';
import { appDataSource } from '@rtd/platform';
import { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from './support/test-database';

/**
 * A session opens its transaction and applies its signed settings in one round trip
 * (SessionQueryRunner.startTransactionWith: the values as escaped literals of a simple query).
 * Whatever the values hold, they must reach app_context() exactly, and a refused signature must
 * leave no transaction open on the pooled connection.
 */
describe('DbSession: the transaction and its settings in one round trip', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await appDataSource(
      { ...db.config, databasePoolSize: 1 },
      'session-start-test',
    ).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('applies values with quotes, backslashes, dollars, semicolons and non-ASCII text exactly', async () => {
    const hostile = `o'brien\\'; SELECT 1; -- $1 $$x$$ \\x00 "q" àèì 🙂 \n end`;
    const read = await withDbSession(
      dataSource,
      { 'app.subject': hostile, 'app.request_id': `r'\\` },
      async (session) => {
        const manager = await session.manager();
        const rows: { s: string; r: string; t: boolean }[] = await manager.query(
          `SELECT app_context()->>'app.subject' AS s, app_context()->>'app.request_id' AS r,
                  now() = statement_timestamp() AS t`,
        );
        return rows[0];
      },
    );
    expect(read.s).toBe(hostile);
    expect(read.r).toBe(`r'\\`);
    // Inside a transaction opened earlier: now() is the transaction's start, not this statement's.
    expect(read.t).toBe(false);
  });

  it('rolls back and frees the connection when the settings are refused', async () => {
    const session = new DbSession(dataSource, { 'app.subject': 'x' });
    // A session whose key is not the database's: app_set_context refuses the signature.
    const foreign = await appDataSource(
      { ...db.config, databasePoolSize: 1, dbContextKey: 'not-the-key-of-this-database' },
      'session-start-foreign',
    ).initialize();
    try {
      const refused = new DbSession(foreign, { 'app.subject': 'RSSMRA80A01H501U' });
      const error = await refused.manager().then(
        () => null,
        (e: unknown) => e as { message: string; query?: string },
      );
      expect(error?.message).toMatch(/bad signature/);
      // The settings travel as literals: the error names the statements, never the subject.
      expect(JSON.stringify({ ...error, message: error?.message })).not.toContain('RSSMRA80A01H501U');
      await refused.finish('rollback');
      // The pool's only connection is back, outside any transaction.
      const state: { s: string }[] = await foreign.query(
        `SELECT (SELECT count(*) FROM pg_stat_activity
                  WHERE application_name = 'session-start-foreign' AND state LIKE 'idle in transaction%')::text AS s`,
      );
      expect(state[0].s).toBe('0');
    } finally {
      await foreign.destroy();
    }
    await session.finish('commit');
  });
});
