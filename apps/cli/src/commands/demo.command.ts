import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { describeImport } from '@rtd/catalog';
import { seedDemoObjectives, seedDemoTenants } from '@rtd/demo';
import { AppConfig, connectAdmin } from '@rtd/kernel';
import { assertRedisReachable, loadReferenceData } from '@rtd/platform';
import { runMigrations, setupDatabase, withOwner } from './database.commands';

const DIST = path.resolve(__dirname, '../../../..');
const DEV_MAIL_HTTP_PORT = 4002;

interface ServiceSpec {
  name: string;
  script: string;
  env: Record<string, string>;
  readyUrl: string | null;
}

/** Prepares the database with reference and demo data. Safe to run any number of times. */
export async function prepareDemoData(config: AppConfig, log: (line: string) => void): Promise<void> {
  (await connectAdmin(config.databaseAdminUrl)).end();
  await assertRedisReachable(config.redisUrl);
  await setupDatabase(config);
  const applied = await runMigrations(config);
  log(applied.length ? `Migrazioni applicate: ${applied.join(', ')}` : 'Schema già aggiornato');
  await withOwner(config, (owner) =>
    owner.transaction(async (db) => {
      const reference = await loadReferenceData(db);
      const m = reference.municipalities;
      log(`Comuni ISTAT: ${m.total} (nuovi ${m.added}, aggiornati ${m.changed})`);
      for (const edition of reference.editions) log(describeImport(edition));
      const tenants = await seedDemoTenants(db);
      log(
        `Demo: ${tenants.consortia} consorzi, ${tenants.people} persone, ${tenants.clients} client, ${tenants.memberships} ruoli`,
      );
      const objectives = await seedDemoObjectives(db);
      log(
        objectives.objectives > 0
          ? `Obiettivi demo: ${objectives.objectives} nuovi, ${objectives.assignments} assegnazioni`
          : 'Obiettivi demo: già presenti',
      );
    }),
  );
}

/** A second demo must not mistake the first one's services for its own. */
async function assertPortFree(url: string): Promise<void> {
  const { hostname, port } = new URL(url);
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', () =>
      reject(new Error(`la porta ${port} di ${hostname} è già in uso: è già in esecuzione un'altra demo?`)),
    );
    probe.listen(Number(port), hostname, () => probe.close(() => resolve()));
  });
}

async function waitUntilReady(url: string, child: ChildProcess, timeoutMs = 60000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`il processo è terminato con codice ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`${url} non risponde dopo ${timeoutMs / 1000} s`);
}

/** Starts every service of the product as child processes and stops them together. */
export async function runDemo(config: AppConfig, log: (line: string) => void): Promise<void> {
  await prepareDemoData(config, log);
  // Mail goes to a local catcher unless SMTP_URL names a real relay.
  const smtp = new URL(config.smtpUrl);
  const localMail = ['127.0.0.1', 'localhost'].includes(smtp.hostname);
  const mailCatcher: ServiceSpec[] = localMail
    ? [
        {
          name: 'dev-mail',
          script: 'apps/dev-mail/src/main.js',
          env: { DEV_MAIL_SMTP_PORT: smtp.port || '25', DEV_MAIL_HTTP_PORT: String(DEV_MAIL_HTTP_PORT) },
          readyUrl: `http://127.0.0.1:${DEV_MAIL_HTTP_PORT}/health`,
        },
      ]
    : [];
  const services: ServiceSpec[] = [
    ...mailCatcher,
    {
      name: 'dev-idp',
      script: 'apps/dev-idp/src/main.js',
      env: {},
      readyUrl: `${config.oidcIssuer}/.well-known/openid-configuration`,
    },
    {
      name: 'api',
      script: 'apps/api/src/main.js',
      env: {},
      readyUrl: `http://${config.host}:${config.port}/health/ready`,
    },
    { name: 'worker', script: 'apps/worker/src/main.js', env: {}, readyUrl: null },
  ];
  const ports = [config.oidcIssuer, `http://${config.host}:${config.port}`];
  if (localMail)
    ports.push(`http://${smtp.hostname}:${smtp.port || 25}`, `http://127.0.0.1:${DEV_MAIL_HTTP_PORT}`);
  for (const url of ports) await assertPortFree(url);

  const children: ChildProcess[] = [];
  let stopping = false;
  const stopAll = (code: number) => {
    if (stopping) return;
    stopping = true;
    log('Arresto dei servizi...');
    for (const child of children) child.kill('SIGTERM');
    setTimeout(() => process.exit(code), 5000).unref();
    Promise.all(children.map((child) => new Promise((resolve) => child.once('exit', resolve)))).then(() =>
      process.exit(code),
    );
  };
  process.once('SIGINT', () => stopAll(0));
  process.once('SIGTERM', () => stopAll(0));

  for (const service of services) {
    const child = spawn(process.execPath, [path.join(DIST, service.script)], {
      env: { ...process.env, ...service.env },
      stdio: 'inherit',
    });
    children.push(child);
    child.once('exit', (code) => {
      if (!stopping) {
        log(`Il servizio ${service.name} si è fermato (codice ${code}): arresto della demo`);
        stopAll(1);
      }
    });
    if (service.readyUrl) await waitUntilReady(service.readyUrl, child);
  }
  log('');
  log('RTD Hub è pronto:');
  log(`  GraphQL        http://${config.host}:${config.port}/graphql`);
  log(`  Salute         http://${config.host}:${config.port}/health/ready`);
  log(`  Login (OIDC)   ${config.oidcIssuer}`);
  if (localMail) log(`  Posta (demo)   http://127.0.0.1:${DEV_MAIL_HTTP_PORT}`);
  log('  Prova:  TOKEN=$(npm run -s dev:token -- FRRGLI75C52D142B)');
  log('          curl -s http://127.0.0.1:4000/graphql -H "content-type: application/json" \\');
  log(`            -H "authorization: Bearer $TOKEN" -d '{"query":"{ planEditions { code lineCount } }"}'`);
  log('Ctrl+C per fermare.');
}
