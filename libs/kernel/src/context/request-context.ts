import { DataSource, EntityManager } from 'typeorm';
import { DbSession, SessionSettings } from '../database/db-session';
import { Actor } from './actor';

/**
 * `atomically`'s option for a change that is usually the request's first write: no savepoint
 * then (a failure rolls back a transaction that held only reads, DbSession.atomically).
 */
export const FIRST_WRITE = { firstWrite: true } as const;

/**
 * Everything a service needs to act for one caller: who, for which request, and the
 * caller's database transaction. Built once per request (or per job) and passed down
 * explicitly; it is never global and never all-powerful.
 */
export class RequestContext {
  private readonly memo = new Map<string, unknown>();

  constructor(
    readonly requestId: string,
    readonly actor: Actor,
    private readonly session: DbSession,
    /** What the caller may do, resolved once per request from its memberships (see @rtd/authz callerAccess). */
    private readonly loadAccess: () => Promise<unknown> = () => Promise.resolve(null),
    /** Why the caller's token was refused, if it was: every operation then answers UNAUTHENTICATED. */
    readonly authenticationFailure: string | null = null,
    /** The read replica's pool, if any: see replicaRead. */
    private readonly replica: DataSource | null = null,
  ) {}

  /**
   * The context of a background job: the system actor named by `subject`, one transaction
   * (`session`, opened with the job's settings) and the job's rights. Built by @rtd/authz
   * (JobContext), which knows what those rights are; a job never builds settings itself.
   */
  static forJob(subject: string, session: DbSession, loadAccess: () => Promise<unknown>): RequestContext {
    return new RequestContext(`job:${subject}`, { kind: 'system', subject }, session, loadAccess);
  }

  /** Untyped on purpose: the kernel knows nothing of roles; @rtd/authz gives it its type. */
  accessUntyped(): Promise<unknown> {
    return this.memoize('kernel.access', () => this.loadAccess());
  }

  /** The caller's transaction (opened on first use, with the caller's RLS settings). */
  db(): Promise<EntityManager> {
    return this.session.manager();
  }

  /**
   * Runs a read on the read replica, when one is configured, as the caller (the settings of the
   * caller's transaction, applied first), in a transaction of its own (read-only on a standby) that is
   * rolled back after.
   * Without a replica it runs in the caller's transaction. The replica lags the primary by a
   * little: only for aggregates that need not show the caller's own writes at once (a regional
   * portal's), never for what a person just changed.
   */
  async replicaRead<T>(work: (db: EntityManager) => Promise<T>): Promise<T> {
    if (!this.replica) return work(await this.db());
    const session = await this.session.twin(this.replica);
    try {
      return await work(await session.manager());
    } finally {
      await session.finish('rollback');
    }
  }

  /** More row-level security settings for the rest of this transaction (see DbSession.extend). */
  extendSettings(settings: SessionSettings): Promise<void> {
    return this.session.extend(settings);
  }

  /**
   * A savepoint inside the caller's transaction: the state change and its audit commit or fail
   * together. `firstWrite`: no savepoint when nothing was written before (DbSession.atomically).
   */
  atomically<T>(
    work: (manager: EntityManager) => Promise<T>,
    options?: { firstWrite?: boolean },
  ): Promise<T> {
    return this.session.atomically(work, options);
  }

  /**
   * A per-request memo, used for DataLoaders: one loader per key per request, so batching
   * works across a whole GraphQL operation and nothing is cached across callers.
   */
  memoize<T>(key: string, create: () => T): T {
    if (!this.memo.has(key)) this.memo.set(key, create());
    return this.memo.get(key) as T;
  }

  /** Runs `hook` after the caller's transaction commits (see DbSession.afterCommit). */
  afterCommit(hook: () => Promise<void> | void): void {
    this.session.afterCommit(hook);
  }

  finish(outcome: 'commit' | 'rollback'): Promise<void> {
    return this.session.finish(outcome);
  }
}
