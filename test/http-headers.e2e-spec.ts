import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import request, { type Response } from 'supertest';
import { securityHeaders } from '../apps/api/src/http/security-headers';
import { RTD_A, tokenFor } from './support/identities';
import { startTestApi, TestApi } from './support/test-app';

/** HTTP hardening (issue 12, point 7): what helmet would set, on every response of the API. */
describe('HTTP security headers', () => {
  let api: TestApi;
  let webRoot: string;
  let issuerOrigin: string;

  beforeAll(async () => {
    // jest runs may have no dist/web: a tiny web app stands in for it.
    webRoot = mkdtempSync(path.join(tmpdir(), 'rtd-web-'));
    mkdirSync(path.join(webRoot, 'assets'));
    writeFileSync(
      path.join(webRoot, 'index.html'),
      '<!doctype html><html><head><title>RTD Hub</title></head><body><div id="root"></div></body></html>',
    );
    writeFileSync(path.join(webRoot, 'assets', 'index-abc123.js'), 'console.log("rtd");\n');
    api = await startTestApi({ nodeEnv: 'production', webRoot }, { http: true });
    issuerOrigin = new URL(api.config.oidcIssuer).origin;
  });
  afterAll(async () => {
    await api?.close();
    rmSync(webRoot, { recursive: true, force: true });
  });

  const server = () => api.app.getHttpServer();

  function expectHardened(response: Response, what: string) {
    const headers = response.headers;
    expect({ what, poweredBy: headers['x-powered-by'] }).toEqual({ what, poweredBy: undefined });
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['referrer-policy']).toBe('same-origin');
    expect(headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  }

  it('on GraphQL, anonymous or not', async () => {
    const anonymous = await request(server())
      .post('/graphql')
      .set({ 'content-type': 'application/json', 'apollo-require-preflight': 'true' })
      .send({ query: '{ __typename }' });
    expect(anonymous.status).toBe(401);
    expectHardened(anonymous, 'POST /graphql');
    expect(anonymous.headers['cache-control']).toBe('no-store');
    // An answer with data: Apollo's cache-control plugin is off, and nothing may cache it.
    const answered = await request(server())
      .post('/graphql')
      .set({ authorization: `Bearer ${await tokenFor(RTD_A)}`, 'content-type': 'application/json' })
      .send({ query: '{ me { fiscalCode } }' });
    expect(answered.status).toBe(200);
    expect(answered.headers['cache-control']).toBe('no-store');
  });

  it('on the health endpoints', async () => {
    const live = await request(server()).get('/health/live');
    expect(live.status).toBe(200);
    expectHardened(live, 'GET /health/live');
  });

  it("on the web app's page, with a Content-Security-Policy the app runs under", async () => {
    for (const url of ['/', '/assegnazioni/qualcosa']) {
      const page = await request(server()).get(url).set('accept', 'text/html');
      expect(page.status).toBe(200);
      expect(page.text).toContain('<title>RTD Hub</title>');
      expectHardened(page, `GET ${url}`);
      expect(page.headers['content-security-policy']).toBe(
        [
          "default-src 'self'",
          "script-src 'self'",
          "style-src 'self' 'unsafe-inline'",
          "img-src 'self' data:",
          "font-src 'self' data:",
          `connect-src 'self' ${issuerOrigin}`,
          `frame-src 'self' ${issuerOrigin}`,
          `form-action 'self' ${issuerOrigin}`,
          "base-uri 'self'",
          "object-src 'none'",
          "frame-ancestors 'none'",
        ].join('; '),
      );
    }
  });

  it('lets the app frame its own login callback (silent renewal), and nobody else', async () => {
    const callback = await request(server()).get('/auth/callback?code=x&state=y').set('accept', 'text/html');
    expect(callback.status).toBe(200);
    expect(callback.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(callback.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    expect(callback.headers['content-security-policy']).not.toContain("frame-ancestors 'none'");
    expect(callback.headers['x-powered-by']).toBeUndefined();
  });

  it('on assets, gzipped or not, and on what is not found', async () => {
    const gzipped = await request(server()).get('/assets/index-abc123.js').set('accept-encoding', 'gzip');
    expect(gzipped.status).toBe(200);
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expectHardened(gzipped, 'gzipped asset');
    const plain = await request(server()).get('/assets/index-abc123.js').set('accept-encoding', 'identity');
    expect(plain.status).toBe(200);
    expectHardened(plain, 'asset');
    const missing = await request(server()).get('/assets/nothing.js');
    expect(missing.status).toBe(404);
    expectHardened(missing, 'missing asset');
  });

  it('sends HSTS outside production only over https', async () => {
    const plain = express();
    plain.use(securityHeaders({ ...api.config, nodeEnv: 'development' }));
    plain.get('/', (_req, res) => void res.send('ok'));
    const response = await request(plain).get('/');
    expect(response.headers['strict-transport-security']).toBeUndefined();
    expect(response.headers['x-powered-by']).toBeUndefined();
    const behindTls = express();
    behindTls.set('trust proxy', true);
    behindTls.use(securityHeaders({ ...api.config, nodeEnv: 'development' }));
    behindTls.get('/', (_req, res) => void res.send('ok'));
    const secure = await request(behindTls).get('/').set('x-forwarded-proto', 'https');
    expect(secure.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });
});

describe('GraphQL validation errors', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api?.close());

  it('suggest no field names to an anonymous caller, refused before validation', async () => {
    const response = await api.graphql('{ mee { fiscalCode } }');
    expect(response.errors?.map((error) => [error.extensions?.code, error.message])).toEqual([
      ['UNAUTHENTICATED', 'Autenticazione richiesta: token di accesso mancante, scaduto o non valido'],
    ]);
  });

  it('nor to a logged-in one, for fields or enum values', async () => {
    const field = await api.as(RTD_A).graphql('{ me { fiscalCod } }');
    expect(field.errors?.map((e) => e.message)).toEqual(['Il campo "fiscalCod" non esiste nel tipo «Me»']);
    const enumValue = await api
      .as(RTD_A)
      .graphql('query ($role: Role!) { __typename }', { role: 'COMUNE_REFERENTE' });
    for (const error of enumValue.errors ?? []) expect(error.message).not.toMatch(/Did you mean/);
  });
});
