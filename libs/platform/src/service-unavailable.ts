import { redactUrl } from '@rtd/kernel';

/** A service the process needs (PostgreSQL, Redis) does not answer: the message says how to start it. */
export class ServiceUnavailableError extends Error {
  constructor(service: string, url: string, hint: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`${service} non raggiungibile (${redactUrl(url)}): ${reason}. ${hint}`);
    this.name = 'ServiceUnavailableError';
  }
}

export const POSTGRES_HINT =
  'Avviare PostgreSQL, ad esempio: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start';
export const REDIS_HINT =
  'Avviare Redis, ad esempio: redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no';
