import { registeredConfigSlices } from '@rtd/kernel';
import { loadNotificationsConfig, NOTIFICATIONS_CONFIG, notificationsConfig } from './notifications.config';

describe('notifications configuration', () => {
  it('has defaults that work on a developer machine', () => {
    const config = loadNotificationsConfig({});
    expect(config.smtpUrl).toBe('smtp://127.0.0.1:2525');
    expect(config.mailFrom).toBe('RTD Hub <noreply@rtdhub.localhost>');
    expect(config.unsubscribeLinkSecret.length).toBeGreaterThanOrEqual(32);
  });

  it('derives the unsubscribe key from DB_CONTEXT_KEY, so every process agrees without a setting', () => {
    const key = 'a-production-secret-of-at-least-32-characters';
    const derived = loadNotificationsConfig({ DB_CONTEXT_KEY: key }).unsubscribeLinkSecret;
    expect(loadNotificationsConfig({ DB_CONTEXT_KEY: key }).unsubscribeLinkSecret).toBe(derived);
    expect(loadNotificationsConfig({}).unsubscribeLinkSecret).not.toBe(derived);
    const own = 'an-unsubscribe-secret-of-32-characters-or-more';
    expect(loadNotificationsConfig({ UNSUBSCRIBE_LINK_SECRET: own }).unsubscribeLinkSecret).toBe(own);
  });

  it.each([
    ['SMTP_URL', 'http://relay:25', /SMTP_URL deve usare smtp: o smtps:/],
    ['SMTP_URL', 'not a url', /SMTP_URL non è un URL valido/],
    ['UNSUBSCRIBE_LINK_SECRET', 'short', /UNSUBSCRIBE_LINK_SECRET deve essere lunga almeno 32 caratteri/],
  ])('refuses %s=%s naming the variable', (name, value, message) => {
    expect(() => loadNotificationsConfig({ [name]: value })).toThrow(message);
  });

  it('is a slice the process validates at start, under its own token', () => {
    expect(NOTIFICATIONS_CONFIG).toBe(notificationsConfig.token);
    expect(registeredConfigSlices().map((slice) => slice.library)).toContain('notifications');
  });
});
