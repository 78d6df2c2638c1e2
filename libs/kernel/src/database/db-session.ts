import { DataSource, EntityManager } from 'typeorm';
import { metrics, secondsSince } from '../observability/metrics';
import { contextKeyOf, SET_CONTEXT_SQL, setContextStatement, signContext } from './db-context';
import { SessionFinishedError, SessionQueryRunner } from './session-query-runner';

export { SessionFinishedError } from './session-query-runner';

/** Per-transaction settings (`app.*`, signed: db-context.ts) that row-level security policies read. */
export type SessionSettings = Record<string, string>;

/**
 * One database transaction for one request (or one job step). It is opened lazily, so a
 * request refused before it reaches the data (bad token, query over budget) takes no
 * connection, and its settings are signed and applied transaction-locally (`app_set_context`):
 * they vanish at commit, so a pooled connection never carries a tenant into the next request.
 */
export class DbSession {
  private runner: SessionQueryRunner | null = null;
  private opening: Promise<EntityManager> | null = null;
  private finished = false;
  /** Savepoints (atomically) still running: a write half done. */
  private writing = 0;
  /** Writes (atomically) begun in this transaction so far. */
  private writes = 0;
  /** A failed write could not be rolled back cleanly: the session ends in a rollback. */
  private broken = false;
  private readonly afterCommitHooks: (() => Promise<void> | void)[] = [];
  /** Everything applied so far: each application signs the whole set again. */
  private applied: SessionSettings = {};
  /** When the transaction began (performance.now()), for rtd_db_transaction_duration_seconds. */
  private began = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: SessionSettings,
    /**
     * Runs once, right after the transaction opened with `settings`, and returns more settings
     * to apply: how a request resolves the caller's memberships (readable thanks to the first
     * settings) into the tenant settings of row-level security.
     */
    private readonly prepare?: (
      manager: EntityManager,
      apply: (settings: SessionSettings) => Promise<void>,
    ) => Promise<void>,
  ) {}

  manager(): Promise<EntityManager> {
    if (this.finished) return Promise.reject(new SessionFinishedError());
    this.opening ??= this.open();
    return this.opening;
  }

  private async open(): Promise<EntityManager> {
    const runner = new SessionQueryRunner(this.dataSource, () => !this.finished);
    this.runner = runner;
    const waitStart = performance.now();
    await runner.connect();
    metrics.connectionWaited(poolName(this.dataSource), secondsSince(waitStart));
    this.began = performance.now();
    // The transaction (READ COMMITTED, PostgreSQL's default) and its signed settings in ONE round
    // trip: `START TRANSACTION; SELECT app_set_context(...)` (issue 28, bench case E). TypeORM keeps
    // the transaction's state, so `atomically` takes a savepoint and the end of the session a
    // COMMIT or ROLLBACK (also if applying the settings failed: the connection never goes back to
    // the pool inside a failed transaction).
    this.applied = { ...this.settings };
    await runner.startTransactionWith(setContextStatement(contextKeyOf(this.dataSource), this.applied));
    const apply = (settings: SessionSettings) => {
      this.applied = { ...this.applied, ...settings };
      return applySettings(runner.manager, this.applied);
    };
    if (this.prepare) await this.prepare(runner.manager, apply);
    return runner.manager;
  }

  /**
   * Adds settings to this transaction's (signed again as a whole, applied at once): a right the
   * caller gains for the rest of the request once a service has authorised it (a data request of
   * the operator: `app.data_request`). Never widens a tenant set: authz decides what is added.
   */
  async extend(settings: SessionSettings): Promise<void> {
    const manager = await this.manager();
    this.applied = { ...this.applied, ...settings };
    await applySettings(manager, this.applied);
  }

  /**
   * A session on another pool (a read replica) with every setting this one has applied once open:
   * the same caller under the same row-level security, in a transaction of its own.
   */
  async twin(dataSource: DataSource): Promise<DbSession> {
    await this.manager();
    return new DbSession(dataSource, { ...this.applied });
  }

  /**
   * Runs `work` atomically inside the session: a savepoint that rolls back alone on failure.
   *
   * With `firstWrite`, when this is the transaction's first write (nothing written before, no other
   * write running), no savepoint: two round trips less (SAVEPOINT, RELEASE). If `work` fails, the
   * whole transaction, which held only reads, is rolled back and a new one opened with the same
   * settings, in one round trip: what a rolled-back savepoint would have left. Only for work that
   * writes through the manager it is given (never an earlier write of the request).
   */
  async atomically<T>(
    work: (manager: EntityManager) => Promise<T>,
    options: { firstWrite?: boolean } = {},
  ): Promise<T> {
    const manager = await this.manager();
    const alone = options.firstWrite === true && this.writes === 0 && this.writing === 0;
    this.writing += 1;
    try {
      if (!alone) return await manager.transaction(work);
      try {
        return await work(manager);
      } catch (error) {
        // If even that fails, the transaction's state is unknown: it is never committed.
        await this.restart().catch(() => (this.broken = true));
        throw error;
      }
    } finally {
      this.writing -= 1;
      this.writes += 1;
    }
  }

  /** Rolls the transaction back and opens it again with every setting applied so far. */
  private async restart(): Promise<void> {
    const runner = this.runner;
    if (!runner || this.finished || !runner.isTransactionActive) return;
    await runner.restartTransactionWith(setContextStatement(contextKeyOf(this.dataSource), this.applied));
    metrics.transactionEnded(poolName(this.dataSource), 'rollback', secondsSince(this.began));
    this.began = performance.now();
  }

  /**
   * Runs `hook` once the transaction has committed (never after a rollback): for what others may
   * only learn once the change is visible to them, such as clearing caches of what it changed.
   * `finish` waits for it; a hook handles its own errors (a rejection is ignored: the commit stands).
   */
  afterCommit(hook: () => Promise<void> | void): void {
    this.afterCommitHooks.push(hook);
  }

  async finish(outcome: 'commit' | 'rollback'): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    await this.endTransaction(outcome);
    if (outcome !== 'commit') return;
    for (const hook of this.afterCommitHooks.splice(0)) {
      try {
        await hook();
      } catch {
        // see afterCommit
      }
    }
  }

  private async endTransaction(outcome: 'commit' | 'rollback'): Promise<void> {
    if (!this.opening) return;
    const runner = this.runner;
    try {
      await this.opening;
    } catch {
      // opening failed: the runner may hold a broken connection; release below
    }
    if (!runner) return;
    try {
      // Statements still queued by resolvers (a request whose client went away) are refused with
      // SessionFinishedError when their turn comes; the one that ends the transaction runs after
      // the statement in flight, never beside it, and the connection goes back to the pool clean.
      // A savepoint still open means a write is half done: it is never committed (and the
      // after-commit hooks do not run, since this throws).
      const halfDone = this.writing > 0 || this.broken;
      const ending = outcome === 'commit' && !halfDone ? 'commit' : 'rollback';
      if (runner.isTransactionActive) {
        const ended = await runner.whileEnding(async () => {
          if (ending === 'commit') await runner.commitTransaction();
          if (!runner.isTransactionActive) return 'commit';
          // A rollback, or a savepoint left open under the commit (its release was refused): every
          // level is rolled back, down to the transaction itself.
          while (runner.isTransactionActive) await runner.rollbackTransaction();
          return 'rollback';
        });
        metrics.transactionEnded(poolName(this.dataSource), ended, secondsSince(this.began));
        if (ending === 'commit' && ended !== 'commit')
          throw new Error('transaction ended while a savepoint was still open');
      }
      if (outcome === 'commit' && halfDone)
        throw new Error('transaction ended while a write was in progress');
    } finally {
      await runner.release();
    }
  }
}

/** The pool's name in the metrics: its application_name (rtd-hub-api, rtd-hub-worker, ...). */
export function poolName(dataSource: DataSource): string {
  const options = dataSource.options;
  return ('applicationName' in options && options.applicationName) || 'unnamed';
}

/**
 * Replaces the transaction's settings with these, signed with the pool's key, in one round
 * trip; they end with the transaction. Settings not named here are gone: pass the whole set.
 */
export async function applySettings(manager: EntityManager, settings: SessionSettings): Promise<void> {
  await manager.query(SET_CONTEXT_SQL, signContext(contextKeyOf(manager.connection), settings));
}

/** Runs `work` in its own transaction with the given settings; commits on success. */
export async function withDbSession<T>(
  dataSource: DataSource,
  settings: SessionSettings,
  work: (session: DbSession) => Promise<T>,
): Promise<T> {
  const session = new DbSession(dataSource, settings);
  try {
    const result = await work(session);
    await session.finish('commit');
    return result;
  } catch (error) {
    await session.finish('rollback');
    throw error;
  }
}
