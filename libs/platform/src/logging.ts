import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Params } from 'nestjs-pino';
import pino from 'pino';
import { AppConfig, currentLogContext } from '@rtd/kernel';

const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * The request's own id: the one drawn for it when it arrived (genReqId below), never taken from
 * the caller, so that the id the audit log and the history record (`request_id`) names one
 * request of this service and no client can make two requests share it or fill it with text of
 * its choosing. Answered in the X-Request-Id header.
 */
export function requestIdOf(req: IncomingMessage & { id?: unknown }): string {
  return typeof req.id === 'string' ? req.id : randomUUID();
}

/**
 * The X-Request-Id a caller sent, kept apart from ours (`clientRequestId` in the log lines) so that
 * a trace can cross services: only when it is short plain text (letters, digits, `._:-`, at most
 * 64), else dropped.
 */
export function clientRequestIdOf(req: IncomingMessage): string | undefined {
  const header = req.headers['x-request-id'];
  const value = Array.isArray(header) ? header[0] : header;
  return value && CLIENT_REQUEST_ID.test(value) ? value : undefined;
}

/** JSON logs on stdout, one line per event, each request's (and each job's) lines carrying its id. */
export function loggerParams(config: AppConfig, service: string): Params {
  return {
    // Synchronous writes: the last lines before a shutdown or a crash must not be lost in a buffer.
    pinoHttp: [
      {
        level: config.logLevel,
        base: { service },
        // A job's lines carry the request that caused it, the queue and the job id (LogContext).
        mixin: () => ({ ...currentLogContext() }),
        genReqId: (_req, res) => {
          const id = randomUUID();
          res.setHeader('x-request-id', id);
          return id;
        },
        customProps: (req) => ({
          requestId: (req as IncomingMessage & { id?: string }).id,
          clientRequestId: clientRequestIdOf(req),
        }),
        autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health') },
        // The request's line is written at info (pino-http's default level, errors included); below
        // that level (LOG_LEVEL=warn), 'silent' skips building it: its bindings, child logger and message.
        customLogLevel: (_req, res) =>
          (res as { log?: pino.Logger }).log?.isLevelEnabled('info') === false ? 'silent' : 'info',
        redact: ['req.headers.authorization', 'req.headers.cookie'],
      },
      pino.destination({ dest: 1, sync: true }),
    ],
  };
}
