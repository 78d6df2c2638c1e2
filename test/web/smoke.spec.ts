import { createHash, randomBytes } from 'node:crypto';
import { obtainPersonToken } from '../../apps/dev-idp/src/token-flow';
import { expect, idpUrl, test, webBaseUrl } from './support/fixtures';

const ANNA = 'MRTNNA70S63D142G'; // Anna Moretti, referent of Crema

test.describe('the stack the web tests run on', () => {
  test('serves the web app at /', async ({ request }) => {
    const response = await request.get('/', { headers: { accept: 'text/html' } });
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('text/html');
    expect(await response.text()).toMatch(/<title>[^<]*RTD Hub[^<]*<\/title>/);
  });

  test('serves the web app with its security headers and Content-Security-Policy', async ({ request }) => {
    const response = await request.get('/', { headers: { accept: 'text/html' } });
    const headers = response.headers();
    const issuer = new URL(idpUrl()).origin;
    expect(headers['content-security-policy']).toBe(
      [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        `connect-src 'self' ${issuer}`,
        `frame-src 'self' ${issuer}`,
        `form-action 'self' ${issuer}`,
        "base-uri 'self'",
        "object-src 'none'",
        "frame-ancestors 'none'",
      ].join('; '),
    );
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('same-origin');
    expect(headers['x-powered-by']).toBeUndefined();
  });

  test('serves the web app for deep links too', async ({ request }) => {
    const home = await (await request.get('/', { headers: { accept: 'text/html' } })).text();
    const response = await request.get('/assegnazioni/does-not-exist', { headers: { accept: 'text/html' } });
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('text/html');
    expect(await response.text()).toBe(home);
  });

  test('hands the runtime configuration inside index.html and gzips the assets', async ({ request }) => {
    const html = await (await request.get('/comune', { headers: { accept: 'text/html' } })).text();
    const config = /<script id="rtd-config" type="application\/json">([^<]*)<\/script>/.exec(html);
    expect(config, 'index.html carries the configuration').not.toBeNull();
    expect(JSON.parse(config![1])).toEqual({ oidcIssuer: idpUrl(), oidcClientId: 'rtd-hub-dashboard' });
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1];
    const asset = await request.get(script, { headers: { 'accept-encoding': 'gzip' } });
    expect(asset.status()).toBe(200);
    expect(asset.headers()['content-encoding']).toBe('gzip');
    expect(asset.headers()['cache-control']).toContain('immutable');
  });

  test('tells the app which provider to log in with', async ({ request }) => {
    const response = await request.get('/config.json');
    expect(response.status()).toBe(200);
    expect(await response.json()).toMatchObject({ oidcIssuer: idpUrl() });
  });

  test('still answers GraphQL at /graphql', async ({ request }) => {
    const anonymous = await request.post('/graphql', { data: { query: '{ __typename }' } });
    expect(anonymous.status()).toBe(401);
    expect((await anonymous.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');

    const token = await obtainPersonToken(idpUrl(), ANNA);
    const answer = await request.post('/graphql', {
      data: { query: '{ me { fiscalCode } }' },
      headers: { authorization: `Bearer ${token}` },
    });
    expect(answer.status()).toBe(200);
    expect(await answer.json()).toEqual({ data: { me: { fiscalCode: ANNA } } });
  });

  test("has the development provider, which accepts the app's callback", async ({ request }) => {
    const discovery = await request.get(`${idpUrl()}/.well-known/openid-configuration`);
    expect(discovery.status()).toBe(200);
    const document = await discovery.json();
    expect(document.issuer).toBe(idpUrl());
    expect(document.code_challenge_methods_supported).toContain('S256');

    const authorize = new URL(document.authorization_endpoint);
    authorize.search = new URLSearchParams({
      client_id: 'rtd-hub-dashboard',
      redirect_uri: `${webBaseUrl()}/auth/callback`,
      response_type: 'code',
      scope: 'openid profile',
      state: 'smoke',
      code_challenge: createHash('sha256').update(randomBytes(32).toString('base64url')).digest('base64url'),
      code_challenge_method: 'S256',
    }).toString();
    // An accepted redirect URI leads to the login page; a refused one to an error page.
    const login = await request.get(authorize.toString());
    expect(login.status()).toBe(200);
    expect(login.url()).toMatch(/\/interaction\//);
    expect(await login.text()).toContain('Entra con SPID');
  });
});

test.describe('the web app', () => {
  test('asks a visitor to log in with SPID', async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveTitle(/RTD Hub/);
    await expect(page.getByRole('button', { name: 'Entra con SPID' })).toBeVisible();
  });

  test('logs a person in through the provider', async ({ page, loginAs }) => {
    await loginAs(page, ANNA);
    await expect(page.locator('header, [role="banner"]').first()).toContainText('Anna Moretti');
  });

  test('runs under its Content-Security-Policy: nothing refused on the way in', async ({
    page,
    loginAs,
    cspViolations,
  }) => {
    const logged: string[] = [];
    page.on('console', (message) => logged.push(message.text()));
    await loginAs(page, ANNA);
    await page.goto('/comune');
    await expect(page.locator('header, [role="banner"]').first()).toContainText('Anna Moretti');
    // The fixture checks again after the test; here the failure names the console line.
    expect(cspViolations).toEqual([]);
    expect(logged.filter((text) => /Refused to|Content Security Policy/i.test(text))).toEqual([]);
  });
});
