import { PortInUseError } from './smtp-sink';
import { DEFAULT_HOST, DEFAULT_HTTP_PORT, DEFAULT_SMTP_PORT, startDevMail, type DevMail } from './dev-mail';

export { startDevMail } from './dev-mail';
export type { DevMail, DevMailOptions } from './dev-mail';

const USAGE = `Usage:
  node dist/apps/dev-mail/src/main.js   start the development mail catcher

Every mail sent to its SMTP port is kept in memory (never delivered) and shown on a web page.
Environment: DEV_MAIL_SMTP_PORT (${DEFAULT_SMTP_PORT}, point SMTP_URL at it), DEV_MAIL_HTTP_PORT (${DEFAULT_HTTP_PORT}),
DEV_MAIL_HOST (${DEFAULT_HOST}).`;

function readPort(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value > 65535) {
    throw new Error(`${name} must be a port number between 0 and 65535, not "${raw}"`);
  }
  return value;
}

async function main(argv: string[]): Promise<void> {
  const command = argv[0];
  if (command === '--help' || command === '-h') {
    console.log(USAGE);
    return;
  }
  if (command !== undefined) throw new Error(`unknown command "${command}"\n${USAGE}`);

  const smtpPort = readPort('DEV_MAIL_SMTP_PORT', DEFAULT_SMTP_PORT);
  const httpPort = readPort('DEV_MAIL_HTTP_PORT', DEFAULT_HTTP_PORT);
  const host = process.env.DEV_MAIL_HOST?.trim() || DEFAULT_HOST;
  let devMail: DevMail;
  try {
    devMail = await startDevMail({ smtpPort, httpPort, host, log: (line) => console.log(line) });
  } catch (error) {
    if (error instanceof PortInUseError) {
      const variable = error.service === 'SMTP' ? 'DEV_MAIL_SMTP_PORT' : 'DEV_MAIL_HTTP_PORT';
      throw new Error(`${error.message} (is another dev-mail running? set ${variable})`);
    }
    throw error;
  }
  console.log(
    [
      `dev-mail: listening`,
      `  SMTP  ${devMail.smtp.url}   (SMTP_URL=${devMail.smtp.url})`,
      `  web   ${devMail.httpUrl}   (Posta ricevuta, JSON at ${devMail.httpUrl}/messages.json)`,
    ].join('\n'),
  );
  handleSignals(devMail);
}

function handleSignals(devMail: DevMail): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second Ctrl-C means "now": do not wait for slow clients.
      process.exit(1);
    }
    stopping = true;
    console.log(`dev-mail: ${signal} received, closing`);
    devMail.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`dev-mail: error while closing: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(`dev-mail: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
