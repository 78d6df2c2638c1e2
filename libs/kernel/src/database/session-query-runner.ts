import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, QueryFailedError } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';

/**
 * A statement asked of a session that has already ended: in practice, a request whose client
 * went away (the session was rolled back on the connection's close) while some of its resolvers
 * were still running. Nobody waits for their answer: the error formatter drops it without an
 * error-level log (pino-http logs the request as aborted, at info).
 */
export class SessionFinishedError extends Error {
  constructor() {
    super('DbSession already finished');
    this.name = 'SessionFinishedError';
  }
}

/** A statement as node-postgres takes a named one: `{ name, text }`, the values apart. */
export interface NamedStatement {
  name: string;
  text: string;
}

/** Marks the async work that ends a session's transaction: its statements pass the gate. */
const ENDING = new AsyncLocalStorage<true>();

/**
 * The query runner of one DbSession: TypeORM's own PostgreSQL runner, extended through its public
 * surface only (the `query` method it documents, and one method of ours), for the two things a
 * request's shared connection needs:
 *
 * - **One statement at a time.** GraphQL resolves sibling fields concurrently and their
 *   DataLoaders share the request's one connection; node-postgres 8 only tolerates overlapping
 *   `client.query` calls with a deprecation warning, and 9 refuses them. Statements are queued
 *   here, in the order asked.
 * - **Nothing after the end.** Once the session is finished (`isOpen` answers false), a statement
 *   whose turn comes is refused with SessionFinishedError; only the work run by `whileEnding`
 *   (TypeORM's COMMIT or ROLLBACK) still goes through, after the statement in flight.
 *
 * Transactions and savepoints are TypeORM's (`startTransaction`, `manager.transaction`,
 * `commitTransaction`, `rollbackTransaction`): nothing here touches its state.
 */
export class SessionQueryRunner extends PostgresQueryRunner {
  private tail: Promise<unknown> = Promise.resolve();
  /** The statement startTransactionWith sends with TypeORM's START TRANSACTION, while it runs. */
  private withStart: string | null = null;

  constructor(
    dataSource: DataSource,
    private readonly isOpen: () => boolean,
  ) {
    super(dataSource.driver as PostgresDriver, 'master');
    // What DataSource.createQueryRunner does for the runners it makes: a manager bound to this one.
    this.manager = dataSource.createEntityManager(this);
  }

  override query(
    query: string,
    parameters?: unknown[],
    useStructuredResult?: boolean,
  ): ReturnType<PostgresQueryRunner['query']> {
    // startTransactionWith: TypeORM's START TRANSACTION, with the statement of the same round trip.
    const text = query === 'START TRANSACTION' && this.withStart ? `${query}; ${this.withStart}` : query;
    const run = () => super.query(text, parameters, useStructuredResult);
    // TypeORM's own COMMIT or ROLLBACK, asked from inside the turn `whileEnding` holds.
    if (ENDING.getStore()) return run();
    return this.inTurn(() => (this.isOpen() ? run() : Promise.reject(new SessionFinishedError())));
  }

  /**
   * Runs a named prepared statement (node-postgres's `{ name, text, values }` form), in turn like
   * any other: PostgreSQL parses and plans it once per connection. A failure is TypeORM's
   * QueryFailedError with the SQL text, as for every other statement, so the error formatter
   * and the logs see it the same way.
   */
  queryNamed<T>(statement: NamedStatement, parameters: unknown[]): Promise<T[]> {
    return this.inTurn(async () => {
      if (!this.isOpen()) throw new SessionFinishedError();
      const connection = (await this.connect()) as {
        query(config: NamedStatement & { values: unknown[] }): Promise<{ rows: T[] }>;
      };
      this.driver.dataSource.logger.logQuery(statement.text, parameters, this);
      try {
        return (await connection.query({ ...statement, values: parameters })).rows;
      } catch (error) {
        this.driver.dataSource.logger.logQueryError(error as Error, statement.text, parameters, this);
        throw new QueryFailedError(statement.text, parameters, error as Error);
      }
    });
  }

  /**
   * TypeORM's `startTransaction` (READ COMMITTED, PostgreSQL's default; TypeORM keeps its state),
   * with `statement` sent in the same round trip: its START TRANSACTION goes out as
   * `START TRANSACTION; <statement>`, one simple-protocol query, so the statement carries its
   * values as literals (db-context.ts setContextStatement). If the pair fails, TypeORM's state
   * says "transaction open", so the session rolls it back (never pooled half open).
   */
  async startTransactionWith(statement: string): Promise<void> {
    this.withStart = statement;
    try {
      await this.startTransaction();
    } finally {
      this.withStart = null;
    }
  }

  /**
   * Rolls the whole transaction back and opens a new one with `statement` (as startTransactionWith),
   * in one round trip: TypeORM's state stays "one transaction open".
   */
  async restartTransactionWith(statement: string): Promise<void> {
    if (!this.isTransactionActive || this.transactionDepth !== 1)
      throw new Error('no transaction to restart');
    await this.query(`ROLLBACK; START TRANSACTION; ${statement}`);
  }

  /**
   * Runs `work` (which ends the transaction through TypeORM) in the queue's next turn, so after
   * the statement in flight and never beside it; statements `work` issues skip the queue and the
   * gate, the others queued meanwhile are refused once their turn comes.
   */
  whileEnding<T>(work: () => Promise<T>): Promise<T> {
    return this.inTurn(() => ENDING.run(true, work));
  }

  private inTurn<T>(statement: () => Promise<T>): Promise<T> {
    const result = this.tail.then(statement);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
