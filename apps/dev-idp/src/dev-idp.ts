import { randomBytes } from 'node:crypto';
import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';

import {
  ACCESS_TOKEN_TTL_SECONDS,
  API_CALLBACK_URI,
  API_SCOPE,
  DASHBOARD_CLIENT_ID,
  DASHBOARD_CLIENT_NAME,
  DEFAULT_AUDIENCE,
  DEFAULT_HOST,
  DEFAULT_PORT,
  DEV_CALLBACK_PATH,
  MACHINE_CLIENTS,
  machineClientSecret,
  normalizeIssuer,
  resourceIndicatorFor,
  type DevIdpOptions,
} from './config';
import { createMemoryAdapterFactory } from './memory-adapter';
import type { IssuedToken, OidcProvider, OidcProviderModule, ProviderContext } from './oidc-provider-types';
import {
  renderCallbackPage,
  renderHomePage,
  renderLogoutPage,
  renderLogoutSuccessPage,
  renderMessagePage,
} from './pages';
import { demoPeople, findDemoPerson, personClaims } from './people';
import { generateSigningKeys, loadSigningKeys, type SigningKeys } from './signing-key';
import { mountInteractions } from './interactions';

export type { DevIdpOptions } from './config';

export interface DevIdpApp {
  /** Express app serving the login pages and, below them, every oidc-provider endpoint. */
  app: express.Express;
  provider: OidcProvider;
  issuer: string;
  audience: string;
  /** RFC 8707 identifier of the API, accepted as `resource` (and used when none is given). */
  resourceIndicator: string;
  /** kid of the access-token signing key, as published in the JWKS. */
  kid: string;
  /** Redirect URIs registered for the dashboard client. */
  redirectUris: string[];
}

export interface DevIdp {
  /** Base URL, equal to the issuer. */
  url: string;
  issuer: string;
  port: number;
  audience: string;
  kid: string;
  close(): Promise<void>;
}

const COOKIE_NAMES = {
  // Cookies ignore ports: on 127.0.0.1 the API (4000) and this provider (4001) share a jar.
  session: 'rtd_dev_idp_session',
  interaction: 'rtd_dev_idp_interaction',
  resume: 'rtd_dev_idp_resume',
};

/** Builds the provider and its express app for a known issuer, without listening. */
export async function createDevIdp(options: DevIdpOptions = {}): Promise<DevIdpApp> {
  const issuer = normalizeIssuer(options.issuer ?? `http://127.0.0.1:${options.port ?? DEFAULT_PORT}`);
  const audience = options.audience ?? DEFAULT_AUDIENCE;
  const resourceIndicator = resourceIndicatorFor(audience);
  const log = options.log ?? (() => undefined);
  const tokenTtl = options.accessTokenTtlSeconds ?? ACCESS_TOKEN_TTL_SECONDS;
  const keys: SigningKeys = options.jwksFile ? loadSigningKeys(options.jwksFile) : generateSigningKeys();
  const redirectUris = [
    ...new Set([`${issuer}${DEV_CALLBACK_PATH}`, API_CALLBACK_URI, ...(options.extraRedirectUris ?? [])]),
  ];
  for (const uri of redirectUris) {
    if (!URL.canParse(uri)) {
      throw new Error(`invalid redirect URI "${uri}" (DEV_IDP_REDIRECT_URIS)`);
    }
  }
  const dashboardOrigins = new Set(redirectUris.map((uri) => new URL(uri).origin));

  // oidc-provider is ESM-only and ships no typings: Node 24 loads it with require(esm), typed by our own slice of its API.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const oidc = require('oidc-provider') as OidcProviderModule;
  const { Check } = oidc.interactionPolicy;

  const policy = oidc.interactionPolicy.base();
  // Demos switch persona all the time: without this, an existing session would silently log the
  // browser back in as the previous person. prompt=none keeps working for silent renewals.
  policy
    .get('login')
    ?.checks.add(
      new Check(
        'dev_idp_pick_person',
        'the development provider asks which demo person to use on every authorization request',
        (ctx: ProviderContext) => !ctx.oidc.result?.login && !ctx.oidc.prompts.has('none'),
      ),
    );

  const configuration = {
    adapter: createMemoryAdapterFactory(),
    jwks: keys.jwks,
    clients: [
      {
        client_id: DASHBOARD_CLIENT_ID,
        client_name: DASHBOARD_CLIENT_NAME,
        application_type: 'web',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: redirectUris,
        post_logout_redirect_uris: [...dashboardOrigins].map((origin) => `${origin}/`),
      },
      ...MACHINE_CLIENTS.map((client) => ({
        client_id: client.clientId,
        client_name: client.name,
        client_secret: machineClientSecret(client.clientId, options.clientSecret),
        token_endpoint_auth_method: 'client_secret_basic',
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
      })),
    ],
    cookies: {
      names: COOKIE_NAMES,
      // Per-process keys: sessions do not need to survive a restart of a development provider.
      keys: [randomBytes(32).toString('base64url')],
    },
    claims: {
      openid: ['sub'],
      profile: ['given_name', 'family_name', 'fiscal_number'],
      email: ['email', 'email_verified'],
    },
    responseTypes: ['code'],
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx: ProviderContext & { host: string }, form: string) => {
          ctx.type = 'html';
          ctx.body = renderLogoutPage(form, ctx.host);
        },
        postLogoutSuccessSource: async (ctx: ProviderContext) => {
          ctx.type = 'html';
          ctx.body = renderLogoutSuccessPage();
        },
      },
      resourceIndicators: {
        enabled: true,
        // Clients (like the dashboard, written for Keycloak) do not send `resource`; defaulting it
        // is what makes their access tokens JWTs for the API rather than opaque userinfo tokens.
        defaultResource: async (_ctx: ProviderContext, _client: unknown, oneOf?: string[]) => {
          if (oneOf) {
            return oneOf.includes(resourceIndicator) ? resourceIndicator : oneOf;
          }
          return resourceIndicator;
        },
        // Without this, a code exchange for scope=openid would fall back to a userinfo token.
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx: ProviderContext, indicator: string) => {
          if (indicator !== resourceIndicator) {
            throw new oidc.errors.InvalidTarget(`this provider only issues tokens for ${resourceIndicator}`);
          }
          return {
            scope: API_SCOPE,
            audience,
            accessTokenTTL: tokenTtl,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256', kid: keys.kid } },
          };
        },
      },
    },
    findAccount: async (_ctx: ProviderContext, sub: string) => {
      const person = findDemoPerson(sub);
      if (!person) {
        return undefined;
      }
      return {
        accountId: person.fiscalCode,
        claims: async () => ({ sub: person.fiscalCode, ...personClaims(person), email_verified: true }),
      };
    },
    extraTokenClaims: async (_ctx: ProviderContext, token: IssuedToken) => {
      // Client-credentials tokens carry no person: oidc-provider already sets sub = client_id.
      const person = token.accountId ? findDemoPerson(token.accountId) : undefined;
      return person ? personClaims(person) : undefined;
    },
    loadExistingGrant: async (ctx: ProviderContext) => autoGrant(ctx),
    interactions: {
      policy,
      url: async (_ctx: ProviderContext, interaction: { uid: string }) => `/interaction/${interaction.uid}`,
    },
    clientBasedCORS: (_ctx: ProviderContext, origin: string, client: { clientId: string }) =>
      client.clientId === DASHBOARD_CLIENT_ID && dashboardOrigins.has(origin),
    renderError: async (ctx: ProviderContext, out: Record<string, unknown>) => {
      ctx.type = 'html';
      ctx.body = renderMessagePage(
        'Si è verificato un errore',
        'Il provider di sviluppo non ha potuto completare la richiesta.',
        out,
      );
    },
    ttl: {
      AccessToken: tokenTtl,
      ClientCredentials: tokenTtl,
      AuthorizationCode: 60,
      IdToken: tokenTtl,
      Interaction: 60 * 60,
      Session: 8 * 60 * 60,
      Grant: 8 * 60 * 60,
      RefreshToken: 8 * 60 * 60,
    },
  };

  const provider = new oidc.Provider(issuer, configuration);
  provider.on('server_error', (_ctx: unknown, error: unknown) =>
    log(`dev-idp: server_error ${String((error as Error)?.stack ?? error)}`),
  );

  const app = express();
  app.disable('x-powered-by');
  mountInteractions(app, provider, log);
  // The applications that log in here, by their redirect URIs: those configured first (the demo
  // puts the app it starts there), then the API's default; not the provider's own callback.
  const appUrls = [
    ...new Set([...(options.extraRedirectUris ?? []), API_CALLBACK_URI].map((uri) => new URL(uri).origin)),
  ]
    .filter((origin) => origin !== issuer)
    .map((origin) => `${origin}/`);
  const homePage = renderHomePage({ issuer, people: demoPeople(), clients: MACHINE_CLIENTS, appUrls });
  app.get('/', (_req, res) => {
    res.type('html').send(homePage);
  });
  app.get(DEV_CALLBACK_PATH, (req, res) => {
    res.type('html').send(renderCallbackPage(req.query as Record<string, unknown>));
  });
  // Last, and with no body parser in front: oidc-provider reads request bodies itself.
  const providerCallback = provider.callback();
  // Koa answers errors itself and its promise never rejects; not handing it to express avoids the
  // router's "Promise-like" deprecation when the provider lives in another realm (Jest).
  app.use((req, res) => {
    void providerCallback(req, res);
  });

  return { app, provider, issuer, audience, resourceIndicator, kid: keys.kid, redirectUris };
}

/**
 * Consent is implied for the first-party dashboard: whatever it asks (OIDC scopes, claims, the API)
 * is granted on the spot, so people only ever see the person picker.
 */
async function autoGrant(ctx: ProviderContext): Promise<unknown> {
  const { oidc } = ctx;
  const client = oidc.client;
  const accountId = oidc.session?.accountId;
  if (!client || !accountId) {
    return undefined;
  }
  const grantId = oidc.result?.consent?.grantId ?? oidc.session?.grantIdFor(client.clientId);
  let grant = grantId ? await oidc.provider.Grant.find(grantId) : undefined;
  if (client.clientId !== DASHBOARD_CLIENT_ID) {
    return grant;
  }
  if (!grant || grant.accountId !== accountId || grant.clientId !== client.clientId) {
    grant = new oidc.provider.Grant({ accountId, clientId: client.clientId });
  }
  const scopes = [...oidc.requestParamOIDCScopes].join(' ');
  if (scopes) {
    grant.addOIDCScope(scopes);
  }
  const claims = [...oidc.requestParamClaims];
  if (claims.length) {
    grant.addOIDCClaims(claims);
  }
  for (const [indicator, resourceServer] of Object.entries(oidc.resourceServers)) {
    if (resourceServer.scope) {
      grant.addResourceScope(indicator, resourceServer.scope);
    }
  }
  await grant.save();
  return grant;
}

/** Listens, then builds the provider for the address actually bound (port 0 gives a free one). */
export async function startDevIdp(options: DevIdpOptions = {}): Promise<DevIdp> {
  const host = options.host ?? DEFAULT_HOST;
  let handler: RequestListener = (_req: IncomingMessage, res: ServerResponse) => {
    res.statusCode = 503;
    res.end('dev-idp starting');
  };
  const server = createServer((req, res) => handler(req, res));
  await listen(server, options.port ?? DEFAULT_PORT, host);
  const port = (server.address() as AddressInfo).port;

  let idp: DevIdpApp;
  try {
    idp = await createDevIdp({ ...options, issuer: options.issuer ?? `http://127.0.0.1:${port}` });
  } catch (error) {
    await shutdown(server);
    throw error;
  }
  handler = idp.app;

  let closing: Promise<void> | undefined;
  return {
    url: idp.issuer,
    issuer: idp.issuer,
    port,
    audience: idp.audience,
    kid: idp.kid,
    close: () => (closing ??= shutdown(server)),
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(
              `port ${port} on ${host} is already in use (is another dev-idp running? set DEV_IDP_PORT)`,
            )
          : error,
      );
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

function shutdown(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close((error) => (error ? reject(error) : resolve()));
    // Keep-alive sockets of clients (fetch pools them) would otherwise hold close() open.
    server.closeAllConnections();
  });
}
