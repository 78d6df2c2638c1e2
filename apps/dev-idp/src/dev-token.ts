import { defaultIssuer, DevTokenError, obtainClientToken, obtainPersonToken } from './token-flow';

export {
  defaultIssuer,
  DevTokenError,
  obtainClientToken,
  obtainClientTokenResponse,
  obtainPersonToken,
  obtainPersonTokenResponse,
} from './token-flow';
export type { ClientFlowOptions, DevTokenErrorCode, PersonFlowOptions, TokenResponse } from './token-flow';

const USAGE = `Usage:
  node dist/apps/dev-idp/src/dev-token.js <fiscalCode>        access token for a demo person
  node dist/apps/dev-idp/src/dev-token.js --client <clientId> access token for a machine client

Prints one line, the access token, obtained from the running development provider at
OIDC_ISSUER (default http://127.0.0.1:4001). Machine clients authenticate with
DEV_IDP_CLIENT_SECRET, default dev-secret-<clientId>.`;

type Command =
  { kind: 'help' } | { kind: 'person'; fiscalCode: string } | { kind: 'client'; clientId: string };

export function parseArguments(argv: readonly string[]): Command {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) {
    return { kind: 'help' };
  }
  if (argv[0] === '--client') {
    if (argv.length !== 2 || argv[1].startsWith('-')) {
      throw new UsageError('--client needs exactly one client id');
    }
    return { kind: 'client', clientId: argv[1] };
  }
  if (argv.length !== 1 || argv[0].startsWith('-')) {
    throw new UsageError(`unexpected arguments: ${argv.join(' ')}`);
  }
  return { kind: 'person', fiscalCode: argv[0] };
}

class UsageError extends Error {}

/** Returns the exit code; the token is the only thing written to stdout. */
export async function run(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let command: Command;
  try {
    command = parseArguments(argv);
  } catch (error) {
    process.stderr.write(`dev-token: ${(error as Error).message}\n${USAGE}\n`);
    return 1;
  }
  if (command.kind === 'help') {
    process.stderr.write(`${USAGE}\n`);
    return argv.length === 0 ? 1 : 0;
  }
  const issuer = defaultIssuer(env);
  try {
    const token =
      command.kind === 'person'
        ? await obtainPersonToken(issuer, command.fiscalCode)
        : await obtainClientToken(issuer, command.clientId);
    process.stdout.write(`${token}\n`);
    return 0;
  } catch (error) {
    const message = error instanceof DevTokenError ? error.message : `unexpected failure: ${String(error)}`;
    process.stderr.write(`dev-token: ${message}\n`);
    return 1;
  }
}

if (require.main === module) {
  run(process.argv.slice(2)).then((code) => {
    // Explicit exit: fetch's keep-alive pool would otherwise hold the process for a few seconds.
    process.exitCode = code;
    process.stdout.write('', () => process.exit(code));
  });
}
