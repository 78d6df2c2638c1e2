import { ConfigError, loadConfig } from '@rtd/kernel';
import { demoLayout } from './demo.command';

describe('demoLayout', () => {
  const layoutFor = (env: NodeJS.ProcessEnv) => demoLayout(loadConfig(env), env);

  it('keeps the usual ports when nothing is set', () => {
    expect(layoutFor({})).toEqual({
      appUrl: 'http://127.0.0.1:4000',
      publicUrl: 'http://127.0.0.1:4000',
      devMailHttpPort: 4002,
      idpPort: 4001,
      redirectUris: ['http://127.0.0.1:4000/auth/callback', 'http://127.0.0.1:5173/auth/callback'],
    });
  });

  it('follows PORT, OIDC_ISSUER and DEV_MAIL_HTTP_PORT, mail links included', () => {
    const layout = layoutFor({
      PORT: '41234',
      OIDC_ISSUER: 'http://127.0.0.1:41235',
      DEV_MAIL_HTTP_PORT: '41236',
      DEV_IDP_REDIRECT_URIS: 'http://localhost:3000/auth/callback, ',
    });
    expect(layout).toEqual({
      appUrl: 'http://127.0.0.1:41234',
      publicUrl: 'http://127.0.0.1:41234',
      devMailHttpPort: 41236,
      idpPort: 41235,
      redirectUris: [
        'http://127.0.0.1:41234/auth/callback',
        'http://127.0.0.1:5173/auth/callback',
        'http://localhost:3000/auth/callback',
      ],
    });
  });

  it('keeps an explicit PUBLIC_URL and still accepts logins on the local address', () => {
    const layout = layoutFor({ PORT: '4100', HOST: '0.0.0.0', PUBLIC_URL: 'https://rtd.example.it/' });
    expect(layout.appUrl).toBe('http://127.0.0.1:4100');
    expect(layout.publicUrl).toBe('https://rtd.example.it');
    expect(layout.redirectUris.slice(0, 2)).toEqual([
      'https://rtd.example.it/auth/callback',
      'http://127.0.0.1:4100/auth/callback',
    ]);
  });

  it('refuses a mail port that is not one, naming the variable', () => {
    expect(() => layoutFor({ DEV_MAIL_HTTP_PORT: 'posta' })).toThrow(ConfigError);
    expect(() => layoutFor({ DEV_MAIL_HTTP_PORT: '70000' })).toThrow(/DEV_MAIL_HTTP_PORT/);
  });
});
