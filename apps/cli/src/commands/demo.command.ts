import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { describeImport } from '@rtd/catalog';
import { seedDemoObjectives, seedDemoPiano, seedDemoTenants } from '@rtd/demo';
import { AppConfig, ConfigError } from '@rtd/kernel';
import { loadNotificationsConfig } from '@rtd/notifications';
import { connectAdmin } from '../database-setup';
import { assertRedisReachable } from '@rtd/platform';
import { loadReferenceData } from '../reference-data';
import { summarisePnrrImport } from '@rtd/pnrr';
import { describePopulationImport } from '@rtd/tenancy';
import { API_NODE_FLAGS } from '../../../api/src/heap';
import { runMigrations, setupDatabase, withOwner } from './database.commands';

const DIST = path.resolve(__dirname, '../../../..');
const DEFAULT_DEV_MAIL_HTTP_PORT = 4002;
/** The Vite dev server of apps/web logs in through the same provider. */
const VITE_DEV_CALLBACK = 'http://127.0.0.1:5173/auth/callback';

interface ServiceSpec {
  name: string;
  script: string;
  env: Record<string, string>;
  readyUrl: string | null;
  /** Options for node itself, before the script. */
  nodeArgs?: readonly string[];
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
      log(describePopulationImport(reference.population));
      for (const edition of reference.editions) log(describeImport(edition));
      log(summarisePnrrImport(reference.pnrr));
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
      const piano = await seedDemoPiano(db);
      log(
        piano.interventi > 0
          ? `Piano demo del consorzio A: ${piano.interventi} schede intervento, ${piano.values} valori degli indicatori`
          : 'Piano demo: già presente',
      );
    }),
  );
}

/** Where each service of the demo listens and which addresses it hands out. */
export interface DemoLayout {
  /** The API, which also serves the web app. */
  appUrl: string;
  /** Base of the links in e-mails: PUBLIC_URL when set, else the app's address. */
  publicUrl: string;
  devMailHttpPort: number;
  /** Port of the development provider, the one of OIDC_ISSUER. */
  idpPort: number;
  /** Where the provider may send the web app's browser back after login. */
  redirectUris: string[];
}

function readPort(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 1 || value > 65535) {
    throw new ConfigError(name, `deve essere un numero di porta tra 1 e 65535, non "${raw}"`);
  }
  return value;
}

/** Ports and addresses follow PORT, HOST, OIDC_ISSUER, PUBLIC_URL and DEV_MAIL_HTTP_PORT. */
export function demoLayout(config: AppConfig, env: NodeJS.ProcessEnv = process.env): DemoLayout {
  // A wildcard bind address is not somewhere a browser can go.
  const host = ['0.0.0.0', '::', '[::]'].includes(config.host) ? '127.0.0.1' : config.host;
  const appUrl = `http://${host}:${config.port}`;
  const publicUrl = env.PUBLIC_URL?.trim() ? config.publicUrl : appUrl;
  const issuer = new URL(config.oidcIssuer);
  const idpPort = Number(issuer.port || (issuer.protocol === 'https:' ? 443 : 80));
  const extra = (env.DEV_IDP_REDIRECT_URIS ?? '')
    .split(',')
    .map((uri) => uri.trim())
    .filter((uri) => uri !== '');
  return {
    appUrl,
    publicUrl,
    devMailHttpPort: readPort(env, 'DEV_MAIL_HTTP_PORT', DEFAULT_DEV_MAIL_HTTP_PORT),
    idpPort,
    redirectUris: [
      ...new Set([`${publicUrl}/auth/callback`, `${appUrl}/auth/callback`, VITE_DEV_CALLBACK, ...extra]),
    ],
  };
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
  const layout = demoLayout(config);
  await prepareDemoData(config, log);
  // Mail goes to a local catcher unless SMTP_URL names a real relay.
  const smtp = new URL(loadNotificationsConfig().smtpUrl);
  const localMail = ['127.0.0.1', 'localhost'].includes(smtp.hostname);
  const mailCatcher: ServiceSpec[] = localMail
    ? [
        {
          name: 'dev-mail',
          script: 'apps/dev-mail/src/main.js',
          env: { DEV_MAIL_SMTP_PORT: smtp.port || '25', DEV_MAIL_HTTP_PORT: String(layout.devMailHttpPort) },
          readyUrl: `http://127.0.0.1:${layout.devMailHttpPort}/health`,
        },
      ]
    : [];
  const services: ServiceSpec[] = [
    ...mailCatcher,
    {
      name: 'dev-idp',
      script: 'apps/dev-idp/src/main.js',
      env: {
        DEV_IDP_PORT: String(layout.idpPort),
        DEV_IDP_ISSUER: config.oidcIssuer,
        DEV_IDP_REDIRECT_URIS: layout.redirectUris.join(','),
      },
      readyUrl: `${config.oidcIssuer}/.well-known/openid-configuration`,
    },
    {
      name: 'api',
      script: 'apps/api/src/main.js',
      nodeArgs: API_NODE_FLAGS,
      env: {},
      readyUrl: `http://${config.host}:${config.port}/health/ready`,
    },
    { name: 'worker', script: 'apps/worker/src/main.js', env: {}, readyUrl: null },
  ];
  // Mail links point at this demo, whatever its port.
  const shared = { PUBLIC_URL: layout.publicUrl };
  const ports = [config.oidcIssuer, `http://${config.host}:${config.port}`];
  if (localMail)
    ports.push(`http://${smtp.hostname}:${smtp.port || 25}`, `http://127.0.0.1:${layout.devMailHttpPort}`);
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
    const child = spawn(process.execPath, [...(service.nodeArgs ?? []), path.join(DIST, service.script)], {
      env: { ...process.env, ...shared, ...service.env },
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
  log(`  App web        ${layout.appUrl}/`);
  log(`  GraphQL        ${layout.appUrl}/graphql`);
  log(`  Salute         ${layout.appUrl}/health/ready`);
  log(`  Login (OIDC)   ${config.oidcIssuer}`);
  if (localMail) log(`  Posta (demo)   http://127.0.0.1:${layout.devMailHttpPort}`);
  log('  Prova:  TOKEN=$(npm run -s dev:token -- FRRGLI75C52D142B)');
  log(`          curl -s ${layout.appUrl}/graphql -H "content-type: application/json" \\`);
  log(`            -H "authorization: Bearer $TOKEN" -d '{"query":"{ planEditions { code lineCount } }"}'`);
  log('Ctrl+C per fermare.');
}
