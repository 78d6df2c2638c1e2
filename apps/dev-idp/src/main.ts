import { DASHBOARD_CLIENT_ID, MACHINE_CLIENTS, machineClientSecret, optionsFromEnv } from './config';
import { startDevIdp, type DevIdp } from './dev-idp';
import { generateSigningKeys } from './signing-key';

export { createDevIdp, startDevIdp } from './dev-idp';
export type { DevIdp, DevIdpApp, DevIdpOptions } from './dev-idp';

const USAGE = `Usage:
  node dist/apps/dev-idp/src/main.js                 start the development OIDC provider
  node dist/apps/dev-idp/src/main.js generate-jwks   print a fresh private JWKS (for DEV_IDP_JWKS_FILE)

Environment: DEV_IDP_PORT (4001), DEV_IDP_HOST (127.0.0.1), DEV_IDP_ISSUER (http://127.0.0.1:<port>),
OIDC_AUDIENCE (rtd-hub-api), DEV_IDP_CLIENT_SECRET (dev-secret-<clientId>), DEV_IDP_JWKS_FILE,
DEV_IDP_REDIRECT_URIS (extra dashboard redirect URIs, comma-separated).`;

async function main(argv: string[]): Promise<void> {
  const command = argv[0];
  if (command === '--help' || command === '-h') {
    console.log(USAGE);
    return;
  }
  if (command === 'generate-jwks') {
    console.log(JSON.stringify(generateSigningKeys().jwks, null, 2));
    return;
  }
  if (command !== undefined) {
    throw new Error(`unknown command "${command}"\n${USAGE}`);
  }

  const options = optionsFromEnv();
  const idp = await startDevIdp({ ...options, log: (line) => console.log(line) });
  announce(idp, options.clientSecret, options.jwksFile);
  handleSignals(idp);
}

function announce(idp: DevIdp, clientSecret: string | undefined, jwksFile: string | undefined): void {
  const lines = [
    `dev-idp: listening on port ${idp.port}, issuer ${idp.issuer}`,
    `  discovery       ${idp.issuer}/.well-known/openid-configuration`,
    `  jwks            ${idp.issuer}/jwks (kid ${idp.kid}, ${jwksFile ? `from ${jwksFile}` : 'generated at start'})`,
    `  audience        ${idp.audience}`,
    `  people          client ${DASHBOARD_CLIENT_ID}, authorization code + PKCE S256`,
    ...MACHINE_CLIENTS.map(
      (c) =>
        `  machine client  ${c.clientId} / ${clientSecret ? '$DEV_IDP_CLIENT_SECRET' : machineClientSecret(c.clientId)}`,
    ),
    `  token for a person: node dist/apps/dev-idp/src/dev-token.js <fiscalCode>`,
  ];
  console.log(lines.join('\n'));
}

function handleSignals(idp: DevIdp): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second Ctrl-C means "now": do not wait for slow clients.
      process.exit(1);
    }
    stopping = true;
    console.log(`dev-idp: ${signal} received, closing`);
    idp.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`dev-idp: error while closing: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(`dev-idp: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
