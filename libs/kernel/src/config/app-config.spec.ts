import { ConfigError, loadConfig, redactUrl, withDatabase } from './app-config';

describe('loadConfig', () => {
  it('has defaults that work on a developer machine', () => {
    const config = loadConfig({});
    expect(config.port).toBe(4000);
    expect(config.databaseUrl).toBe('postgres://rtd_app@127.0.0.1:5432/rtd_hub');
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(config.nodeEnv).toBe('development');
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

  it('hides passwords in URLs it reports', () => {
    expect(redactUrl('postgres://u:secret@h:5432/db')).toBe('postgres://u:***@h:5432/db');
  });

  it('switches database in a URL', () => {
    expect(withDatabase('postgres://u@h:5432/a', 'b')).toBe('postgres://u@h:5432/b');
  });
});
