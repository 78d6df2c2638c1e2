import { createHash, randomBytes } from 'node:crypto';

import { DASHBOARD_CLIENT_ID, DEFAULT_ISSUER, DEV_CALLBACK_PATH, machineClientSecret } from './config';
import { describe, DevTokenError, errorText, formEncode, HttpClient } from './http-client';

export { DevTokenError, HttpClient, type DevTokenErrorCode } from './http-client';

/**
 * Headless OIDC client for the development provider: what a browser does on the login page,
 * done with fetch. It only uses the provider's public endpoints, so a token obtained here is
 * exactly what the dashboard would get; there is no side door that mints tokens.
 */

export interface TokenResponse {
  access_token: string;
  token_type: string;
  expires_in?: number;
  id_token?: string;
  refresh_token?: string;
  scope?: string;
}

export interface PersonFlowOptions {
  /** Default rtd-hub-dashboard. */
  clientId?: string;
  /** Default <issuer>/dev/callback, which the provider registers for the dashboard client. */
  redirectUri?: string;
  /** Default "openid profile email". */
  scope?: string;
  /** Sent as RFC 8707 `resource` when given; the provider defaults it to the API otherwise. */
  resource?: string;
  /** Per request; default 10 s. */
  timeoutMs?: number;
}

export interface ClientFlowOptions {
  scope?: string;
  resource?: string;
  timeoutMs?: number;
}

/** The issuer dev-token talks to: OIDC_ISSUER, else the provider's default address. */
export function defaultIssuer(env: NodeJS.ProcessEnv = process.env): string {
  const value = env.OIDC_ISSUER?.trim();
  return value ? value : DEFAULT_ISSUER;
}

export async function obtainPersonToken(
  issuer: string,
  fiscalCode: string,
  options: PersonFlowOptions = {},
): Promise<string> {
  return (await obtainPersonTokenResponse(issuer, fiscalCode, options)).access_token;
}

export async function obtainClientToken(
  issuer: string,
  clientId: string,
  secret?: string,
  options: ClientFlowOptions = {},
): Promise<string> {
  return (await obtainClientTokenResponse(issuer, clientId, secret, options)).access_token;
}

/** Authorization code + PKCE (S256), picking the person on the login page like a user would. */
export async function obtainPersonTokenResponse(
  issuer: string,
  fiscalCode: string,
  options: PersonFlowOptions = {},
): Promise<TokenResponse> {
  const http = new HttpClient(options.timeoutMs);
  const metadata = await discover(http, issuer);
  const clientId = options.clientId ?? DASHBOARD_CLIENT_ID;
  const redirectUri = options.redirectUri ?? `${metadata.issuer}${DEV_CALLBACK_PATH}`;
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(16).toString('base64url');
  const nonce = randomBytes(16).toString('base64url');

  const authorization = new URL(metadata.authorization_endpoint);
  authorization.search = new URLSearchParams({
    client_id: clientId,
    response_type: 'code',
    redirect_uri: redirectUri,
    scope: options.scope ?? 'openid profile email',
    state,
    nonce,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    ...(options.resource ? { resource: options.resource } : {}),
  }).toString();

  const callback = await authorize(http, metadata.issuer, authorization.href, redirectUri, fiscalCode);
  if (callback.get('error')) {
    throw new DevTokenError(
      'FLOW_FAILED',
      `authorization failed: ${callback.get('error')}${describe(callback.get('error_description'))}`,
    );
  }
  if (callback.get('state') !== state) {
    throw new DevTokenError('FLOW_FAILED', 'authorization response state does not match the request');
  }
  const responseIssuer = callback.get('iss');
  if (responseIssuer !== null && responseIssuer !== metadata.issuer) {
    throw new DevTokenError('FLOW_FAILED', `authorization response from unexpected issuer ${responseIssuer}`);
  }
  const code = callback.get('code');
  if (!code) {
    throw new DevTokenError('FLOW_FAILED', 'authorization response carries no code');
  }

  return requestToken(
    http,
    metadata.token_endpoint,
    new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      client_id: clientId,
      code_verifier: verifier,
    }),
    {},
    (error) => new DevTokenError('FLOW_FAILED', `code exchange failed: ${error}`),
  );
}

/** Client credentials with HTTP Basic authentication (client_secret_basic). */
export async function obtainClientTokenResponse(
  issuer: string,
  clientId: string,
  secret?: string,
  options: ClientFlowOptions = {},
): Promise<TokenResponse> {
  const http = new HttpClient(options.timeoutMs);
  const metadata = await discover(http, issuer);
  const password =
    secret ?? machineClientSecret(clientId, process.env.DEV_IDP_CLIENT_SECRET?.trim() || undefined);
  // RFC 6749 section 2.3.1: both halves are form-urlencoded before base64.
  const basic = Buffer.from(`${formEncode(clientId)}:${formEncode(password)}`).toString('base64');
  const body = new URLSearchParams({ grant_type: 'client_credentials' });
  if (options.scope) body.set('scope', options.scope);
  if (options.resource) body.set('resource', options.resource);
  return requestToken(
    http,
    metadata.token_endpoint,
    body,
    { authorization: `Basic ${basic}` },
    (error, status) =>
      status === 401 || error.startsWith('invalid_client')
        ? new DevTokenError(
            'UNKNOWN_CLIENT',
            `client "${clientId}" was rejected: unknown client id or wrong secret (${error})`,
          )
        : new DevTokenError('FLOW_FAILED', `client credentials request for "${clientId}" failed: ${error}`),
  );
}

interface ProviderMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
}

async function discover(http: HttpClient, issuer: string): Promise<ProviderMetadata> {
  const base = issuer.replace(/\/+$/, '');
  const url = `${base}/.well-known/openid-configuration`;
  const response = await http.send(url);
  if (!response.ok) {
    throw new DevTokenError(
      'PROVIDER_UNREACHABLE',
      `no OIDC provider at ${base}: ${url} answered HTTP ${response.status}`,
    );
  }
  let metadata: Partial<ProviderMetadata>;
  try {
    metadata = (await response.json()) as Partial<ProviderMetadata>;
  } catch {
    throw new DevTokenError(
      'PROVIDER_UNREACHABLE',
      `no OIDC provider at ${base}: discovery document is not JSON`,
    );
  }
  if (!metadata.issuer || !metadata.authorization_endpoint || !metadata.token_endpoint) {
    throw new DevTokenError(
      'PROVIDER_UNREACHABLE',
      `no OIDC provider at ${base}: incomplete discovery document`,
    );
  }
  if (metadata.issuer !== base) {
    // Tokens would carry an iss the caller does not expect, and cookies would go to another host.
    throw new DevTokenError(
      'FLOW_FAILED',
      `the provider at ${base} identifies itself as ${metadata.issuer}; use that as issuer (OIDC_ISSUER)`,
    );
  }
  return metadata as ProviderMetadata;
}

const MAX_REDIRECTS = 10;

/** Follows the provider's redirects until it sends the browser back to `redirectUri`. */
async function authorize(
  http: HttpClient,
  issuer: string,
  authorizationUrl: string,
  redirectUri: string,
  fiscalCode: string,
): Promise<URLSearchParams> {
  const issuerOrigin = new URL(issuer).origin;
  let url = authorizationUrl;
  let response = await http.send(url);
  let loggedIn = false;

  for (let hop = 0; hop < MAX_REDIRECTS; hop++) {
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) {
      throw new DevTokenError(
        'FLOW_FAILED',
        `unexpected answer from ${url}: HTTP ${response.status}${await errorText(response)}`,
      );
    }
    const next = new URL(location, url);
    if (next.href.startsWith(redirectUri)) {
      return next.searchParams;
    }
    if (next.origin !== issuerOrigin) {
      throw new DevTokenError(
        'FLOW_FAILED',
        `the provider redirected to ${next.href}, outside ${issuerOrigin}`,
      );
    }
    if (!loggedIn && /^\/interaction\/[^/]+$/.test(next.pathname)) {
      url = `${next.origin}${next.pathname}/login`;
      response = await http.send(url, {
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ fiscalCode }).toString(),
      });
      if (response.status === 400) {
        const body = (await response.json().catch(() => ({}))) as {
          error?: string;
          error_description?: string;
        };
        if (body.error === 'unknown_person') {
          throw new DevTokenError(
            'UNKNOWN_PERSON',
            `unknown person "${fiscalCode}": the provider only knows the demo people of libs/demo/src/demo-identities.ts`,
          );
        }
        throw new DevTokenError(
          'FLOW_FAILED',
          `login rejected: ${body.error ?? 'HTTP 400'}${describe(body.error_description)}`,
        );
      }
      loggedIn = true;
      continue;
    }
    url = next.href;
    response = await http.send(url);
  }
  throw new DevTokenError(
    'FLOW_FAILED',
    `more than ${MAX_REDIRECTS} redirects without reaching ${redirectUri}`,
  );
}

async function requestToken(
  http: HttpClient,
  tokenEndpoint: string,
  body: URLSearchParams,
  headers: Record<string, string>,
  failure: (error: string, status: number) => DevTokenError,
): Promise<TokenResponse> {
  const response = await http.send(tokenEndpoint, {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: body.toString(),
  });
  const payload = (await response.json().catch(() => ({}))) as Partial<TokenResponse> & {
    error?: string;
    error_description?: string;
  };
  if (!response.ok) {
    throw failure(
      `${payload.error ?? `HTTP ${response.status}`}${describe(payload.error_description)}`,
      response.status,
    );
  }
  if (typeof payload.access_token !== 'string' || payload.access_token === '') {
    throw failure('token response without access_token', response.status);
  }
  return payload as TokenResponse;
}
