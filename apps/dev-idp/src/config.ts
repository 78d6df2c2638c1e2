import { DEMO_CLIENTS } from '../../../libs/demo/src/demo-identities';

export const DEFAULT_PORT = 4001;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_AUDIENCE = 'rtd-hub-api';
export const DEFAULT_ISSUER = `http://127.0.0.1:${DEFAULT_PORT}`;

/** The first-party, public client used by people (authorization code + PKCE). */
export const DASHBOARD_CLIENT_ID = 'rtd-hub-dashboard';
export const DASHBOARD_CLIENT_NAME = 'RTD Hub';
/** Where the API's login endpoint receives the code in a full local stack. */
export const API_CALLBACK_URI = 'http://127.0.0.1:4000/auth/callback';
/** The provider's own callback, for headless clients (dev-token, end-to-end tests) and humans. */
export const DEV_CALLBACK_PATH = '/dev/callback';

/** Machine clients use client credentials; one entry per demo client of demo-identities.ts. */
export const MACHINE_CLIENTS: readonly { clientId: string; name: string }[] = DEMO_CLIENTS.map((c) => ({
  clientId: c.clientId,
  name: c.name,
}));

export const ACCESS_TOKEN_TTL_SECONDS = 60 * 60;
/** Scope of the API resource server; tokens for the API are JWTs whatever scope is asked. */
export const API_SCOPE = 'api';

export interface DevIdpOptions {
  /** TCP port; 0 picks a free one (tests). Default 4001. */
  port?: number;
  /** Bind address. Default 127.0.0.1; use 0.0.0.0 inside a container. */
  host?: string;
  /** Issuer identifier. Default http://127.0.0.1:<port actually bound>. */
  issuer?: string;
  /** `aud` of the access tokens. Default rtd-hub-api. */
  audience?: string;
  /** One secret for every machine client; default dev-secret-<clientId>. */
  clientSecret?: string;
  /** JSON file holding a JWKS with the private signing key(s); default: a key generated at start. */
  jwksFile?: string;
  /** Additional redirect URIs accepted for the dashboard client (e.g. a dev server on another port). */
  extraRedirectUris?: string[];
  /** Lifetime of access and ID tokens in seconds (30..86400); default one hour. Short in browser tests, to see renewals. */
  accessTokenTtlSeconds?: number;
  /** Where startup and request diagnostics go; default silent (tests). */
  log?: (line: string) => void;
}

export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): DevIdpOptions {
  const port =
    env.DEV_IDP_PORT === undefined || env.DEV_IDP_PORT === '' ? DEFAULT_PORT : parsePort(env.DEV_IDP_PORT);
  return {
    port,
    host: nonEmpty(env.DEV_IDP_HOST) ?? DEFAULT_HOST,
    issuer: nonEmpty(env.DEV_IDP_ISSUER) ?? `http://127.0.0.1:${port}`,
    audience: nonEmpty(env.OIDC_AUDIENCE) ?? DEFAULT_AUDIENCE,
    clientSecret: nonEmpty(env.DEV_IDP_CLIENT_SECRET),
    jwksFile: nonEmpty(env.DEV_IDP_JWKS_FILE),
    accessTokenTtlSeconds: parseTtl(env.DEV_IDP_ACCESS_TOKEN_TTL),
    extraRedirectUris: (env.DEV_IDP_REDIRECT_URIS ?? '')
      .split(',')
      .map((uri) => uri.trim())
      .filter((uri) => uri.length > 0),
  };
}

/** The secret a machine client authenticates with, shared by the provider and the token helpers. */
export function machineClientSecret(clientId: string, override: string | undefined = undefined): string {
  return override ?? `dev-secret-${clientId}`;
}

/**
 * RFC 8707 wants resource indicators to be absolute URIs, and `rtd-hub-api` is not one, so the
 * API is addressed as urn:<audience> while the token's `aud` stays the bare audience.
 */
export function resourceIndicatorFor(audience: string): string {
  return URL.canParse(audience) ? audience : `urn:${audience}`;
}

/** Issuers compare as strings everywhere (iss claim, discovery), so one spelling is enforced. */
export function normalizeIssuer(issuer: string): string {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new Error(`invalid issuer "${issuer}": not an absolute URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`invalid issuer "${issuer}": must be http or https`);
  }
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') {
    // The provider is mounted at the root of its own server; a path would need a matching mount.
    throw new Error(`invalid issuer "${issuer}": must be an origin without path, query or fragment`);
  }
  return url.origin;
}

function parseTtl(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const ttl = Number(value);
  if (!Number.isInteger(ttl) || ttl < 30 || ttl > 86_400) {
    throw new Error(`invalid DEV_IDP_ACCESS_TOKEN_TTL "${value}": expected seconds between 30 and 86400`);
  }
  return ttl;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`invalid DEV_IDP_PORT "${value}": expected an integer between 0 and 65535`);
  }
  return port;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
