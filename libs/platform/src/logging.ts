import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Params } from 'nestjs-pino';
import pino from 'pino';
import { AppConfig, currentLogContext } from '@rtd/kernel';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** A caller-supplied X-Request-Id is kept when it is sane, so a trace crosses services. */
export function requestIdOf(req: IncomingMessage): string {
  const header = req.headers['x-request-id'];
  const value = Array.isArray(header) ? header[0] : header;
  return value && REQUEST_ID.test(value) ? value : randomUUID();
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
        genReqId: (req, res) => {
          const id = requestIdOf(req);
          res.setHeader('x-request-id', id);
          return id;
        },
        customProps: (req) => ({ requestId: (req as IncomingMessage & { id?: string }).id }),
        autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health') },
        redact: ['req.headers.authorization', 'req.headers.cookie'],
      },
      pino.destination({ dest: 1, sync: true }),
    ],
  };
}
