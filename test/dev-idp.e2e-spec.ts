import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import * as jose from 'jose';
import { DASHBOARD_CLIENT_ID, DEFAULT_AUDIENCE } from '../apps/dev-idp/src/config';
import {
  DevTokenError,
  obtainClientToken,
  obtainPersonToken,
  obtainPersonTokenResponse,
} from '../apps/dev-idp/src/dev-token';
import { HttpClient } from '../apps/dev-idp/src/token-flow';
import { IDP_JWKS_FILE_ENV, OIDC_ISSUER_ENV } from './support/test-database';

describe('dev-idp', () => {
  /** The provider global-setup started for this run. */
  const idp = { issuer: '', url: '', kid: '' };
  let jwks: ReturnType<typeof jose.createRemoteJWKSet>;

  const verify = (token: string) =>
    jose.jwtVerify(token, jwks, { issuer: idp.issuer, audience: DEFAULT_AUDIENCE, algorithms: ['RS256'] });

  beforeAll(async () => {
    idp.issuer = idp.url = process.env[OIDC_ISSUER_ENV] ?? '';
    // The key global-setup handed to the provider (DEV_IDP_JWKS_FILE): the published kid must be its.
    idp.kid = JSON.parse(readFileSync(process.env[IDP_JWKS_FILE_ENV]!, 'utf8')).keys[0].kid;
    jwks = jose.createRemoteJWKSet(new URL(`${idp.issuer}/jwks`));
  });

  it('serves discovery and a JWKS with the stable kid', async () => {
    const discovery = (await (await fetch(`${idp.url}/.well-known/openid-configuration`)).json()) as Record<
      string,
      unknown
    >;
    expect(discovery.issuer).toBe(idp.issuer);
    expect(discovery.jwks_uri).toBe(`${idp.issuer}/jwks`);
    expect(discovery.authorization_endpoint).toBe(`${idp.issuer}/auth`);
    expect(discovery.token_endpoint).toBe(`${idp.issuer}/token`);
    expect(discovery.code_challenge_methods_supported).toEqual(['S256']);
    expect(discovery.grant_types_supported).toEqual(
      expect.arrayContaining(['authorization_code', 'client_credentials']),
    );

    const keys = ((await (await fetch(`${idp.url}/jwks`)).json()) as { keys: Record<string, unknown>[] })
      .keys;
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'RSA', kid: idp.kid, alg: 'RS256', use: 'sig' });
    expect(keys[0].d).toBeUndefined();
  });

  it('issues a person an RS256 JWT for the API with the SPID-style claims', async () => {
    const token = await obtainPersonToken(idp.url, 'MRTNNA70S63D142G');

    const { payload, protectedHeader } = await verify(token);
    expect(protectedHeader).toMatchObject({ alg: 'RS256', kid: idp.kid, typ: 'at+jwt' });
    expect(payload).toMatchObject({
      iss: idp.issuer,
      aud: DEFAULT_AUDIENCE,
      sub: 'MRTNNA70S63D142G',
      client_id: DASHBOARD_CLIENT_ID,
      fiscal_number: 'TINIT-MRTNNA70S63D142G',
      given_name: 'Anna',
      family_name: 'Moretti',
      email: 'anna.moretti@demo.rtdhub.it',
    });
    expect(Number(payload.exp) - Number(payload.iat)).toBe(3600);
  });

  it('accepts a lower-case fiscal code and returns an ID token alongside', async () => {
    const response = await obtainPersonTokenResponse(idp.url, 'frrgli75c52d142b');
    expect(response.token_type).toBe('Bearer');
    expect(response.expires_in).toBe(3600);
    expect(typeof response.id_token).toBe('string');
    const { payload } = await verify(response.access_token);
    expect(payload).toMatchObject({ sub: 'FRRGLI75C52D142B', given_name: 'Giulia', family_name: 'Ferrari' });
  });

  it('issues a machine client a JWT whose subject is the client id', async () => {
    const token = await obtainClientToken(idp.url, 'portale-regione-lombardia');

    const { payload } = await verify(token);
    expect(payload).toMatchObject({
      iss: idp.issuer,
      aud: DEFAULT_AUDIENCE,
      sub: 'portale-regione-lombardia',
      client_id: 'portale-regione-lombardia',
    });
    expect(payload.fiscal_number).toBeUndefined();
    expect(Number(payload.exp) - Number(payload.iat)).toBe(3600);
  });

  it('accepts the API resource indicator when it is sent explicitly', async () => {
    const token = await obtainClientToken(idp.url, 'portale-regione-toscana', undefined, {
      resource: `urn:${DEFAULT_AUDIENCE}`,
    });
    expect((await verify(token)).payload.sub).toBe('portale-regione-toscana');
  });

  it('refuses a person who is not a demo person', async () => {
    await expect(obtainPersonToken(idp.url, 'RSSMRA80A01H501U')).rejects.toMatchObject({
      name: 'DevTokenError',
      code: 'UNKNOWN_PERSON',
      message: expect.stringContaining('RSSMRA80A01H501U'),
    });
  });

  it('refuses an unknown client and a wrong secret', async () => {
    await expect(obtainClientToken(idp.url, 'portale-regione-sconosciuta')).rejects.toMatchObject({
      code: 'UNKNOWN_CLIENT',
      message: expect.stringContaining('portale-regione-sconosciuta'),
    });
    await expect(obtainClientToken(idp.url, 'portale-regione-lombardia', 'wrong')).rejects.toMatchObject({
      code: 'UNKNOWN_CLIENT',
    });
  });

  it('refuses a resource other than the API', async () => {
    await expect(
      obtainClientToken(idp.url, 'portale-regione-lombardia', undefined, {
        resource: 'https://elsewhere.example/',
      }),
    ).rejects.toMatchObject({ code: 'FLOW_FAILED', message: expect.stringContaining('invalid_target') });
  });

  it('shows the Italian login page listing the demo people', async () => {
    const http = new HttpClient();
    const authorize = new URL(`${idp.url}/auth`);
    authorize.search = new URLSearchParams({
      client_id: DASHBOARD_CLIENT_ID,
      response_type: 'code',
      redirect_uri: `${idp.url}/dev/callback`,
      scope: 'openid',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    }).toString();
    const redirect = await http.send(authorize.href);
    expect(redirect.status).toBe(303);
    const login = await http.send(new URL(redirect.headers.get('location') ?? '', idp.url).href);
    expect(login.status).toBe(200);
    const html = await login.text();
    expect(html).toContain('<html lang="it">');
    expect(html).toContain('Entra con SPID');
    expect(html).toContain('<strong>Anna Moretti</strong>');
    expect(html).toContain('MRTNNA70S63D142G');
    expect(html).toContain('Referente del Comune (ISTAT 019035)');
    expect(html).toContain('name="fiscalCode" value="SPSGRG72R15H501Q"');
  });

  it('lists the demo people on its root page, and says to start from the app', async () => {
    const response = await fetch(`${idp.url}/`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<html lang="it">');
    expect(html).toContain('Anna Moretti');
    expect(html).toContain('MRTNNA70S63D142G');
    expect(html).toContain('Referente del Comune (ISTAT 019035)');
    expect(html).toContain('Francesca Villa');
    expect(html).toContain('Nessun ruolo assegnato');
    expect(html).toContain('portale-regione-lombardia');
    expect(html).toContain('<a href="http://127.0.0.1:4000/">http://127.0.0.1:4000/</a>');
    expect(html).toContain('Entra con SPID');
    expect(html).toContain(`${idp.issuer}/.well-known/openid-configuration`);
    expect(html).toContain(`${idp.issuer}/jwks`);
  });

  it('requires PKCE from the dashboard', async () => {
    const http = new HttpClient();
    const authorize = new URL(`${idp.url}/auth`);
    authorize.search = new URLSearchParams({
      client_id: DASHBOARD_CLIENT_ID,
      response_type: 'code',
      redirect_uri: `${idp.url}/dev/callback`,
      scope: 'openid',
    }).toString();
    const response = await http.send(authorize.href);
    const location = new URL(response.headers.get('location') ?? '', idp.url);
    expect(location.pathname).toBe('/dev/callback');
    expect(location.searchParams.get('error')).toBe('invalid_request');
  });

  it('reports a provider that is not running', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    const attempt = obtainPersonToken(`http://127.0.0.1:${port}`, 'MRTNNA70S63D142G');
    await expect(attempt).rejects.toBeInstanceOf(DevTokenError);
    await expect(attempt).rejects.toMatchObject({ code: 'PROVIDER_UNREACHABLE' });
  });
});
