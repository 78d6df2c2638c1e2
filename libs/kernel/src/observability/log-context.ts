import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What the log lines of a unit of background work carry: the request that caused it (its
 * X-Request-Id, carried by the outbox row to the job) and the job itself. The worker runs every
 * job inside one (libs/platform/src/metrics/job-instrumentation.ts); the logger adds it to each
 * line (libs/platform/src/logging.ts), and the mailer to each mail, so one id leads from the
 * request to its job and to the mail the job sent.
 */
export interface LogContext {
  requestId: string;
  queue?: string;
  jobId?: string;
}

const storage = new AsyncLocalStorage<LogContext>();

export function runWithLogContext<T>(context: LogContext, work: () => T): T {
  return storage.run(context, work);
}

/** The context of the work running now, if any (none in an HTTP request: pino-http carries its id). */
export function currentLogContext(): LogContext | undefined {
  return storage.getStore();
}

/** The key of a job's data that carries the id of the request whose transaction wrote its outbox row. */
export const JOB_REQUEST_ID = 'outboxRequestId';
