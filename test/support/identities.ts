import { obtainClientToken, obtainPersonToken } from '../../apps/dev-idp/src/token-flow';
import { OIDC_ISSUER_ENV } from './test-database';

/** The people and clients of shared/contract/demo-identities.md, by what they do. */
export const ADMIN = 'SPSGRG72R15H501Q'; // Giorgio Esposito, PLATFORM_ADMIN
export const RTD_A = 'FRRGLI75C52D142B'; // Giulia Ferrari, CONSORTIUM_RTD of A
export const STAFF_A = 'GLLMRC88L05D150B'; // Marco Galli, CONSORTIUM_STAFF of A
export const AUDITOR_A = 'BRBLNE69T41D150Z'; // Elena Barbieri, AUDITOR of A
export const REFERENT_CREMA = 'MRTNNA70S63D142G'; // Anna Moretti
export const DELEGATE_CREMA = 'CNTPLA92B14D142S'; // Paolo Conti
export const VIEWER_CREMA = 'LMBRRT65E30D142B'; // Roberto Lombardi
export const REFERENT_PANDINO = 'CLMSRA80P49G306F'; // Sara Colombo
export const REFERENT_ROMANO = 'MRCLCU78D18H509N'; // Luca Marchetti
export const RTD_B = 'RNLCHR82H61G999G'; // Chiara Rinaldi, CONSORTIUM_RTD of B
export const REFERENT_VAIANO = 'GRCMTT85A10L537X'; // Matteo Greco
export const NO_ROLE = 'VLLFNC90M48F205H'; // Francesca Villa
export const PORTAL_LOMBARDIA = 'portale-regione-lombardia';
export const PORTAL_TOSCANA = 'portale-regione-toscana';

const FISCAL_CODE = /^[A-Z0-9]{16}$/;
const tokens = new Map<string, Promise<string>>();

/**
 * A real access token from the development provider that global-setup started: the
 * authorization-code + PKCE flow for a person, client credentials for a machine client.
 * Cached per test file (tokens live an hour).
 */
export function tokenFor(who: string): Promise<string> {
  const issuer = process.env[OIDC_ISSUER_ENV];
  if (!issuer) throw new Error(`${OIDC_ISSUER_ENV} is not set: run the tests with "npm test"`);
  let token = tokens.get(who);
  if (!token) {
    token = FISCAL_CODE.test(who) ? obtainPersonToken(issuer, who) : obtainClientToken(issuer, who);
    tokens.set(who, token);
  }
  return token;
}
