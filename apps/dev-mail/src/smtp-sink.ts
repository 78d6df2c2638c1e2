import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { parseMail, type ParsedMail } from './parse-mail';

/**
 * An SMTP server that accepts every message and keeps it in memory, for tests and for the
 * development mail catcher (apps/dev-mail). Never meant to face a network: no TLS, any
 * credentials accepted, loopback by default. Development only, like smtp-server and mailparser:
 * nothing in libs/ or in the API and worker imports it.
 */

/** A message as the sink keeps it: what mailparser read (parse-mail.ts), and how it arrived. */
export interface ReceivedMail extends ParsedMail {
  /** Arrival order in this sink, from 1. */
  id: number;
  receivedAt: Date;
  /** What the client said in MAIL FROM / RCPT TO, which is where the mail really went. */
  envelope: { from: string | null; to: string[] };
  /** The whole message as received, for assertions the parsed fields do not cover. */
  raw: string;
}

export interface SmtpSinkOptions {
  /** 0 picks a free port. Default 2525. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Called with one line per received message (and nothing else). */
  log?: (line: string) => void;
  /** Oldest messages are dropped beyond this, so a long demo session cannot grow without bound. Default 1000. */
  maxMessages?: number;
}

export interface SmtpSink {
  port: number;
  host: string;
  /** `smtp://<host>:<port>`, ready for SMTP_URL. */
  url: string;
  /** Received messages, oldest first (a copy). */
  messages(): ReceivedMail[];
  clear(): void;
  /** Resolves with the first message, already received or still to come, that matches. */
  waitFor(predicate: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

export class PortInUseError extends Error {
  readonly code = 'EADDRINUSE';
  constructor(
    readonly port: number,
    readonly host: string,
    /** Which listener of the process failed, e.g. `SMTP`, `HTTP`. */
    readonly service: string,
  ) {
    super(`${service} port ${port} on ${host} is already in use`);
    this.name = 'PortInUseError';
  }
}

const DEFAULT_PORT = 2525;
const DEFAULT_HOST = '127.0.0.1';
const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

interface Waiter {
  predicate: (mail: ReceivedMail) => boolean;
  resolve: (mail: ReceivedMail) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const host = options.host ?? DEFAULT_HOST;
  const requestedPort = options.port ?? DEFAULT_PORT;
  const maxMessages = options.maxMessages ?? 1000;
  const log = options.log ?? (() => undefined);
  let received: ReceivedMail[] = [];
  let nextId = 1;
  const waiters = new Set<Waiter>();

  const store = (mail: ReceivedMail) => {
    received.push(mail);
    if (received.length > maxMessages) received = received.slice(received.length - maxMessages);
    log(
      `mail #${mail.id} from ${mail.envelope.from ?? '<>'} to ${mail.envelope.to.join(', ')}: ` +
        `${JSON.stringify(mail.subject ?? '')} ${mail.messageId ?? ''}`.trimEnd(),
    );
    for (const waiter of waiters) {
      if (!waiter.predicate(mail)) continue;
      waiters.delete(waiter);
      clearTimeout(waiter.timer);
      waiter.resolve(mail);
    }
  };

  const server = new SMTPServer({
    authOptional: true,
    // An SMTP_URL with credentials (as in production) must work against the sink too.
    allowInsecureAuth: true,
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username ?? 'anonymous' }),
    disabledCommands: ['STARTTLS'],
    // Reverse DNS of 127.0.0.1 can take seconds on a misconfigured machine, for nothing.
    disableReverseLookup: true,
    size: MAX_MESSAGE_BYTES,
    logger: false,
    banner: 'RTD Hub development mail sink',
    // nodemailer sends QUIT after each message, so lingering connections are only broken clients.
    closeTimeout: 1000,
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (error: Error) => callback(error));
      stream.on('end', () => {
        void receive();
      });
      const receive = async () => {
        if (stream.sizeExceeded) {
          callback(
            Object.assign(new Error('Message exceeds fixed maximum message size'), { responseCode: 552 }),
          );
          return;
        }
        const source = Buffer.concat(chunks);
        let parsed;
        try {
          parsed = await parseMail(source);
        } catch (error) {
          callback(error as Error);
          return;
        }
        store({
          id: nextId++,
          receivedAt: new Date(),
          envelope: {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
            to: session.envelope.rcptTo.map((r) => r.address),
          },
          headers: parsed.headers,
          from: parsed.from,
          to: parsed.to,
          subject: parsed.subject,
          messageId: parsed.messageId,
          text: parsed.text,
          html: parsed.html,
          raw: source.toString('utf8'),
        });
        callback();
      };
    },
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(requestedPort, host, 'SMTP') : error);
    };
    server.once('error', onError);
    server.listen(requestedPort, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  // Later socket errors (a client resetting) must not crash the process hosting the sink.
  server.on('error', () => undefined);
  const port = (server.server.address() as AddressInfo).port;

  let closing: Promise<void> | undefined;
  return {
    port,
    host,
    url: `smtp://${host}:${port}`,
    messages: () => [...received],
    clear: () => {
      received = [];
    },
    waitFor: (predicate, timeoutMs = 5000) => {
      const already = received.find(predicate);
      if (already) return Promise.resolve(already);
      return new Promise<ReceivedMail>((resolve, reject) => {
        const waiter: Waiter = {
          predicate,
          resolve,
          reject,
          timer: setTimeout(() => {
            waiters.delete(waiter);
            const subjects = received.map((m) => JSON.stringify(m.subject)).join(', ') || 'none';
            reject(new Error(`no matching mail within ${timeoutMs} ms (received: ${subjects})`));
          }, timeoutMs),
        };
        waiters.add(waiter);
      });
    },
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        for (const waiter of waiters) {
          clearTimeout(waiter.timer);
          waiter.reject(new Error('SMTP sink closed'));
        }
        waiters.clear();
        server.close(() => resolve());
      })),
  };
}
