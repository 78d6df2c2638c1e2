import { DataSource } from 'typeorm';
import { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import { poolName, probeDatabasePool, probeReplicaLag } from '@rtd/kernel';

/** What pg's Pool tells about itself (TypeORM's PostgresDriver keeps it as `master`, typed any). */
interface PgPoolState {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options: { max?: number };
}

function pgPool(dataSource: DataSource): PgPoolState | null {
  const driver = dataSource.driver;
  if (!(driver instanceof PostgresDriver)) return null;
  const pool: PgPoolState | undefined = driver.master;
  return pool ?? null;
}

/** The probes of each pool, removed when it closes (unprobe). */
const probes = new WeakMap<DataSource, (() => void)[]>();

function keep(dataSource: DataSource, stop: () => void): void {
  probes.set(dataSource, [...(probes.get(dataSource) ?? []), stop]);
}

/** Stops reading this pool at scrapes: it is closing. */
export function unprobe(dataSource: DataSource): void {
  for (const stop of probes.get(dataSource) ?? []) stop();
  probes.delete(dataSource);
}

/** rtd_db_pool_connections for this pool, read at each scrape until unprobe. */
export function probePool(dataSource: DataSource): void {
  const pool = poolName(dataSource);
  const stop = probeDatabasePool(async (set) => {
    const state = pgPool(dataSource);
    if (!state) return;
    set({ pool, state: 'total' }, state.totalCount);
    set({ pool, state: 'idle' }, state.idleCount);
    set({ pool, state: 'waiting' }, state.waitingCount);
    set({ pool, state: 'max' }, state.options.max ?? 10);
  });
  keep(dataSource, stop);
}

/**
 * rtd_db_replica_lag_seconds of a streaming standby, measured on the standby itself (any role may
 * call these functions): 0 when it has replayed all the WAL it received, otherwise the age of the
 * last transaction it replayed. A standby that does not answer gives no value: the alert on
 * absence covers it.
 */
export function probeReplica(dataSource: DataSource): void {
  const pool = poolName(dataSource);
  const stop = probeReplicaLag(async (set) => {
    const [row] = (await dataSource.query(
      `SELECT CASE WHEN NOT pg_is_in_recovery() THEN 0
                   WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
                   ELSE coalesce(extract(epoch FROM now() - pg_last_xact_replay_timestamp()), 0) END::float AS lag`,
    )) as { lag: number }[];
    set({ pool }, Number(row?.lag ?? 0));
  });
  keep(dataSource, stop);
}
