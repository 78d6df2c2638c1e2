import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PortInUseError, startSmtpSink, type SmtpSink } from './smtp-sink';
import { renderMailbox } from './page';

export const DEFAULT_SMTP_PORT = 2525;
export const DEFAULT_HTTP_PORT = 4002;
export const DEFAULT_HOST = '127.0.0.1';

export interface DevMailOptions {
  /** 0 picks a free port. */
  smtpPort?: number;
  httpPort?: number;
  host?: string;
  log?: (line: string) => void;
}

export interface DevMail {
  smtp: SmtpSink;
  httpPort: number;
  httpUrl: string;
  close(): Promise<void>;
}

// The page shows mail built from user input: nothing in it may run or load anything.
const PAGE_SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

function handle(sink: SmtpSink, req: IncomingMessage, res: ServerResponse): void {
  const path = new URL(req.url ?? '/', 'http://dev-mail').pathname;
  const send = (status: number, type: string, body: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  const isRead = req.method === 'GET' || req.method === 'HEAD';

  if (path === '/' && isRead) {
    send(200, 'text/html; charset=utf-8', renderMailbox(sink.messages(), sink.url), PAGE_SECURITY_HEADERS);
  } else if (path === '/messages.json' && isRead) {
    send(200, 'application/json; charset=utf-8', JSON.stringify([...sink.messages()].reverse(), null, 2));
  } else if (path === '/health' && isRead) {
    send(200, 'application/json; charset=utf-8', JSON.stringify({ status: 'ok', smtp: sink.url }));
  } else if (path === '/clear' && req.method === 'POST') {
    sink.clear();
    send(303, 'text/plain; charset=utf-8', 'Casella svuotata', { location: '/' });
  } else if (['/', '/messages.json', '/health', '/clear'].includes(path)) {
    send(405, 'text/plain; charset=utf-8', 'Metodo non consentito');
  } else {
    send(404, 'text/plain; charset=utf-8', 'Pagina non trovata');
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(port, host, 'HTTP') : error);
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

/** Starts the SMTP sink, then the web page on it; a failure of the second leaves nothing running. */
export async function startDevMail(options: DevMailOptions = {}): Promise<DevMail> {
  const host = options.host ?? DEFAULT_HOST;
  const log = options.log ?? (() => undefined);
  const sink = await startSmtpSink({
    port: options.smtpPort ?? DEFAULT_SMTP_PORT,
    host,
    log: (line) => log(`dev-mail: ${line}`),
  });
  const server = createServer((req, res) => handle(sink, req, res));
  try {
    await listen(server, options.httpPort ?? DEFAULT_HTTP_PORT, host);
  } catch (error) {
    await sink.close();
    throw error;
  }
  const httpPort = (server.address() as AddressInfo).port;

  let closing: Promise<void> | undefined;
  const closeHttp = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      // A browser left open keeps its connection alive and would hold close() open.
      server.closeAllConnections();
    });
  return {
    smtp: sink,
    httpPort,
    httpUrl: `http://${host}:${httpPort}`,
    close: () => (closing ??= Promise.all([closeHttp(), sink.close()]).then(() => undefined)),
  };
}
