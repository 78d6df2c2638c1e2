import { loadConfig, redactUrl, withDatabase, jobTimingFromEnv } from './app-config';
import { ConfigError } from './env';

describe('loadConfig', () => {
  it('has defaults that work on a developer machine', () => {
    const config = loadConfig({});
    expect(config.port).toBe(4000);
    expect(config.databaseUrl).toBe('postgres://rtd_app@127.0.0.1:5432/rtd_hub');
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(config.nodeEnv).toBe('development');
    expect(config.databaseReplicaUrl).toBeNull();
  });

  it('reads the optional read replica', () => {
    const url = 'postgres://rtd_app@standby:5432/rtd_hub';
    expect(loadConfig({ DATABASE_REPLICA_URL: url }).databaseReplicaUrl).toBe(url);
    expect(() => loadConfig({ DATABASE_REPLICA_URL: 'mysql://x@y/z' })).toThrow(/DATABASE_REPLICA_URL/);
  });

  it.each([
    ['PORT', 'abc', /PORT/],
    ['PORT', '70000', /PORT.*65535/],
    ['DATABASE_URL', 'not a url', /DATABASE_URL/],
    ['DATABASE_URL', 'mysql://x@y/z', /DATABASE_URL.*postgres/],
    ['REDIS_URL', 'http://127.0.0.1', /REDIS_URL/],
    ['NODE_ENV', 'staging', /NODE_ENV/],
    ['OIDC_ISSUER', 'ftp://idp', /OIDC_ISSUER/],
  ])('refuses %s=%s naming the variable', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  const PRODUCTION = {
    NODE_ENV: 'production',
    OIDC_ISSUER: 'https://login.example.it/realms/rtd-hub',
    OIDC_AUDIENCE: 'rtd-hub-api',
    PUBLIC_URL: 'https://rtd.example.it',
    DB_CONTEXT_KEY: 'a-production-secret-of-at-least-32-characters',
    DOWNLOAD_LINK_SECRET: 'a-production-link-secret-of-32-characters-or-more',
  };

  it('starts in production when the issuer, audience and public URL are set', () => {
    const config = loadConfig(PRODUCTION);
    expect(config.nodeEnv).toBe('production');
    expect(config.oidcIssuer).toBe(PRODUCTION.OIDC_ISSUER);
    expect(config.publicUrl).toBe(PRODUCTION.PUBLIC_URL);
  });

  it.each(['OIDC_ISSUER', 'OIDC_AUDIENCE', 'PUBLIC_URL', 'DB_CONTEXT_KEY', 'DOWNLOAD_LINK_SECRET'])(
    'refuses to start in production without %s, instead of the development default',
    (name) => {
      for (const value of [undefined, '', '  ']) {
        const env = { ...PRODUCTION, [name]: value };
        expect(() => loadConfig(env)).toThrow(ConfigError);
        expect(() => loadConfig(env)).toThrow(
          `Configurazione non valida: ${name} deve essere impostata esplicitamente con NODE_ENV=production`,
        );
      }
    },
  );

  it('refuses a database context key shorter than 32 characters, without echoing it', () => {
    expect(() => loadConfig({ DB_CONTEXT_KEY: 'short-secret' })).toThrow(
      'Configurazione non valida: DB_CONTEXT_KEY deve essere lunga almeno 32 caratteri',
    );
  });

  it('reads the download links secret: 32+ characters, drawn per process in development', () => {
    expect(() => loadConfig({ DOWNLOAD_LINK_SECRET: 'short' })).toThrow(
      'Configurazione non valida: DOWNLOAD_LINK_SECRET deve essere lunga almeno 32 caratteri',
    );
    const first = loadConfig({});
    expect(first.downloadLinkSecret.length).toBeGreaterThanOrEqual(32);
    expect(loadConfig({}).downloadLinkSecret).not.toBe(first.downloadLinkSecret);
    expect(loadConfig(PRODUCTION).downloadLinkSecret).toBe(PRODUCTION.DOWNLOAD_LINK_SECRET);
  });

  it('keeps only the shared settings: each domain reads its own slice', () => {
    const config = loadConfig({}) as unknown as Record<string, unknown>;
    for (const moved of ['smtpUrl', 'mailFrom', 'unsubscribeLinkSecret', 'fanOutBatchSize', 'retention'])
      expect(config[moved]).toBeUndefined();
    expect(config.downloadLinkTtlSeconds).toBeUndefined();
    expect(config.exportQueue).toBeUndefined();
  });

  it('puts the metrics on ports of their own, never the public one', () => {
    expect(loadConfig({}).metrics).toEqual({ host: '127.0.0.1', apiPort: 9464, workerPort: 9465 });
    expect(loadConfig({ API_METRICS_PORT: '0', WORKER_METRICS_PORT: '9100' }).metrics).toMatchObject({
      apiPort: 0,
      workerPort: 9100,
    });
    expect(() => loadConfig({ PORT: '9464' })).toThrow(/API_METRICS_PORT deve essere diversa da PORT/);
  });

  it('keeps the development defaults outside production', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).oidcIssuer).toBe('http://127.0.0.1:4001');
  });

  it('hides passwords in URLs it reports', () => {
    expect(redactUrl('postgres://u:secret@h:5432/db')).toBe('postgres://u:***@h:5432/db');
  });

  it('switches database in a URL', () => {
    expect(withDatabase('postgres://u@h:5432/a', 'b')).toBe('postgres://u@h:5432/b');
  });

  it('validates JOB_LOCK_MS at start instead of falling back silently', () => {
    expect(jobTimingFromEnv({})).toEqual({ lockDuration: 30_000, stalledInterval: 15_000 });
    expect(jobTimingFromEnv({ JOB_LOCK_MS: '2000' })).toEqual({ lockDuration: 2000, stalledInterval: 1000 });
    expect(() => loadConfig({ JOB_LOCK_MS: 'trenta' })).toThrow(/JOB_LOCK_MS/);
    expect(() => loadConfig({ JOB_LOCK_MS: '10' })).toThrow(/JOB_LOCK_MS/);
  });
});
