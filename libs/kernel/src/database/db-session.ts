import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { contextKeyOf, SET_CONTEXT_SQL, signContext } from './db-context';

/** Per-transaction settings (`app.*`, signed: db-context.ts) that row-level security policies read. */
export type SessionSettings = Record<string, string>;

/**
 * One database transaction for one request (or one job step). It is opened lazily, so a
 * request refused before it reaches the data (bad token, query over budget) takes no
 * connection, and its settings are signed and applied transaction-locally (`app_set_context`):
 * they vanish at commit, so a pooled connection never carries a tenant into the next request.
 */
export class DbSession {
  private runner: QueryRunner | null = null;
  private opening: Promise<EntityManager> | null = null;
  private finished = false;
  /** Everything applied so far: each application signs the whole set again. */
  private applied: SessionSettings = {};

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
    if (this.finished) return Promise.reject(new Error('DbSession already finished'));
    this.opening ??= this.open();
    return this.opening;
  }

  private async open(): Promise<EntityManager> {
    const runner = this.dataSource.createQueryRunner();
    this.runner = runner;
    await runner.connect();
    serializeQueries(runner);
    await runner.startTransaction('READ COMMITTED');
    const apply = (settings: SessionSettings) => {
      this.applied = { ...this.applied, ...settings };
      return applySettings(runner.manager, this.applied);
    };
    await apply(this.settings);
    if (this.prepare) await this.prepare(runner.manager, apply);
    return runner.manager;
  }

  /** Runs `work` atomically inside the session: a savepoint that rolls back alone on failure. */
  async atomically<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const manager = await this.manager();
    return manager.transaction(work);
  }

  async finish(outcome: 'commit' | 'rollback'): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    if (!this.opening) return;
    const runner = this.runner;
    try {
      await this.opening;
    } catch {
      // opening failed: the runner may hold a broken connection; release below
    }
    if (!runner) return;
    try {
      if (runner.isTransactionActive) {
        if (outcome === 'commit') await runner.commitTransaction();
        else await runner.rollbackTransaction();
      }
    } finally {
      await runner.release();
    }
  }
}

/**
 * GraphQL resolves sibling fields concurrently, and their DataLoaders share the request's one
 * connection: statements are queued here, in order, rather than handed to the driver at once
 * (which pg 8 only tolerates with a deprecation, and pg 9 refuses).
 */
function serializeQueries(runner: QueryRunner): void {
  const query = runner.query.bind(runner);
  let tail: Promise<unknown> = Promise.resolve();
  runner.query = ((...args: Parameters<QueryRunner['query']>) => {
    const result = tail.then(() => query(...args));
    tail = result.catch(() => undefined);
    return result;
  }) as QueryRunner['query'];
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
