import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/*
 * Every metric of RTD Hub, defined once (docs/operations.md, "Watch" lists them). Libraries record
 * with the small functions below, one call where the thing happens; the API and the worker expose
 * this registry on a port of their own (libs/platform/src/metrics). Metrics are process-wide: a
 * test process running an API and a worker shows both in one registry.
 *
 * Labels are bounded: operations are root fields of the schema, codes are the contract's
 * `extensions.code`, queues and export kinds are the product's own names. Nothing a caller types
 * (an operation name, an id) ever becomes a label.
 */

export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

/** Latency buckets, seconds: a request or a statement, 5 ms to 10 s. */
const FAST = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Buckets for background work, seconds: a mail to a consortium report, 10 ms to 10 minutes. */
const SLOW = [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 120, 300, 600];

const graphqlRequests = new Counter({
  name: 'rtd_graphql_requests_total',
  help: 'GraphQL operations answered, by root field, type and outcome (OK or the first error code)',
  labelNames: ['operation', 'type', 'code'] as const,
  registers: [metricsRegistry],
});
const graphqlErrors = new Counter({
  name: 'rtd_graphql_errors_total',
  help: 'Errors in GraphQL answers, by root field and extensions.code',
  labelNames: ['operation', 'code'] as const,
  registers: [metricsRegistry],
});
const graphqlDuration = new Histogram({
  name: 'rtd_graphql_request_duration_seconds',
  help: 'Time from the start of a GraphQL request to its answer, by root field and type',
  labelNames: ['operation', 'type'] as const,
  buckets: FAST,
  registers: [metricsRegistry],
});

const gateRefusals = new Counter({
  name: 'rtd_gate_refusals_total',
  help: 'Requests to /graphql refused before GraphQL, by reason (rate_limited, unauthenticated, unavailable) and limit',
  labelNames: ['reason', 'limit'] as const,
  registers: [metricsRegistry],
});

const connectionWait = new Histogram({
  name: 'rtd_db_connection_wait_seconds',
  help: 'Time a transaction waited for a connection of its pool',
  labelNames: ['pool'] as const,
  buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 2.5, 5],
  registers: [metricsRegistry],
});
const transactionDuration = new Histogram({
  name: 'rtd_db_transaction_duration_seconds',
  help: 'Time a request or job step held its transaction open, by pool and outcome (commit, rollback)',
  labelNames: ['pool', 'outcome'] as const,
  buckets: FAST,
  registers: [metricsRegistry],
});

const jobDuration = new Histogram({
  name: 'rtd_job_duration_seconds',
  help: 'Time a background job ran, by queue and outcome (completed, failed)',
  labelNames: ['queue', 'outcome'] as const,
  buckets: SLOW,
  registers: [metricsRegistry],
});

const mails = new Counter({
  name: 'rtd_mails_total',
  help: 'E-mails handed to the relay, by outcome (sent, failed)',
  labelNames: ['outcome'] as const,
  registers: [metricsRegistry],
});
for (const outcome of ['sent', 'failed']) mails.labels(outcome).inc(0);

const exportDuration = new Histogram({
  name: 'rtd_export_duration_seconds',
  help: 'Time the worker took to build a file, by kind and outcome (completed, failed)',
  labelNames: ['kind', 'outcome'] as const,
  buckets: SLOW,
  registers: [metricsRegistry],
});
const importDuration = new Histogram({
  name: 'rtd_import_duration_seconds',
  help: 'Time a bulk status import took, by mode (dry_run, apply) and outcome (applied, checked, refused, failed)',
  labelNames: ['mode', 'outcome'] as const,
  buckets: FAST,
  registers: [metricsRegistry],
});

const retentionDeleted = new Counter({
  name: 'rtd_retention_deleted_total',
  help: 'Rows deleted by the nightly retention job, by what they were (mails, outbox, export files)',
  labelNames: ['kind'] as const,
  registers: [metricsRegistry],
});

/**
 * Values read when Prometheus scrapes (pool use, queue depth, outbox lag, replica lag): each
 * process registers the probes of what it holds; a probe that throws is skipped for that scrape.
 */
export type MetricsProbe = (set: (labels: Record<string, string>, value: number) => void) => Promise<void>;

function probedGauge(name: string, help: string, labelNames: string[]) {
  const probes = new Set<MetricsProbe>();
  new Gauge({
    name,
    help,
    labelNames,
    registers: [metricsRegistry],
    async collect() {
      this.reset();
      for (const probe of probes) {
        try {
          await probe((labels, value) => this.set(labels, value));
        } catch {
          // a database or Redis that does not answer: no value this time, and `up` stays 1
        }
      }
    },
  });
  return (probe: MetricsProbe): (() => void) => {
    probes.add(probe);
    return () => probes.delete(probe);
  };
}

/** Connections of each pool: total, idle, waiting (clients queued for one), max. */
export const probeDatabasePool = probedGauge(
  'rtd_db_pool_connections',
  'Connections of each database pool by state (total, idle, waiting: transactions queued for one; max: the pool size)',
  ['pool', 'state'],
);
/** Jobs of each BullMQ queue by state. */
export const probeQueueDepth = probedGauge(
  'rtd_queue_jobs',
  'Jobs in each queue by state (waiting, active, delayed, failed)',
  ['queue', 'state'],
);
/** The outbox: age of the oldest deliverable message the relay has not handed to its queue. */
export const probeOutboxLag = probedGauge(
  'rtd_outbox_lag_seconds',
  'Age of the oldest deliverable outbox message the relay has not enqueued yet (0 when none waits)',
  [],
);
/** Outbox messages by state: unprocessed (their job has not finished), held (refused by the relay). */
export const probeOutboxMessages = probedGauge(
  'rtd_outbox_messages',
  'Outbox messages by state: unprocessed (written, their job not finished yet), held (refused by the relay, waiting for a person)',
  ['state'],
);
/** Seconds the read replica is behind the primary (0 when it has replayed everything it received). */
export const probeReplicaLag = probedGauge(
  'rtd_db_replica_lag_seconds',
  'How far the read replica (DATABASE_REPLICA_URL) is behind: seconds since the last transaction it replayed, 0 when nothing is waiting',
  ['pool'],
);

const info = new Gauge({
  name: 'rtd_build_info',
  help: 'Always 1: the service (api, worker) and version of this process',
  labelNames: ['service', 'version'] as const,
  registers: [metricsRegistry],
});

export const metrics = {
  service(service: string, version: string): void {
    info.labels(service, version).set(1);
  },
  graphql(operation: string, type: string, seconds: number, codes: readonly string[]): void {
    graphqlRequests.labels(operation, type, codes[0] ?? 'OK').inc();
    graphqlDuration.labels(operation, type).observe(seconds);
    for (const code of codes) graphqlErrors.labels(operation, code).inc();
  },
  gateRefused(reason: 'rate_limited' | 'unauthenticated' | 'unavailable', limit = ''): void {
    gateRefusals.labels(reason, limit).inc();
  },
  connectionWaited(pool: string, seconds: number): void {
    connectionWait.labels(pool).observe(seconds);
  },
  transactionEnded(pool: string, outcome: 'commit' | 'rollback', seconds: number): void {
    transactionDuration.labels(pool, outcome).observe(seconds);
  },
  jobEnded(queue: string, outcome: 'completed' | 'failed', seconds: number): void {
    jobDuration.labels(queue, outcome).observe(seconds);
  },
  mail(outcome: 'sent' | 'failed'): void {
    mails.labels(outcome).inc();
  },
  exportBuilt(kind: string, outcome: 'completed' | 'failed', seconds: number): void {
    exportDuration.labels(kind, outcome).observe(seconds);
  },
  importRan(
    mode: 'dry_run' | 'apply',
    outcome: 'applied' | 'checked' | 'refused' | 'failed',
    seconds: number,
  ): void {
    importDuration.labels(mode, outcome).observe(seconds);
  },
  retentionDeleted(kind: string, rows: number): void {
    retentionDeleted.labels(kind).inc(rows);
  },
};

/** Seconds since `start` (a performance.now() reading). */
export function secondsSince(start: number): number {
  return (performance.now() - start) / 1000;
}

/**
 * Runs `work` and records how long it took and whether it threw: for the few places that time a
 * unit of work (an export, an import) with one call.
 */
export async function timed<T>(
  work: () => Promise<T>,
  record: (outcome: 'completed' | 'failed', seconds: number) => void,
): Promise<T> {
  const start = performance.now();
  try {
    const result = await work();
    record('completed', secondsSince(start));
    return result;
  } catch (error) {
    record('failed', secondsSince(start));
    throw error;
  }
}
